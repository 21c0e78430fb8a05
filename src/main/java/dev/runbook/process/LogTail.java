package dev.runbook.process;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The end of a log file as text, for failure messages; empty when there is no file. */
final class LogTail {

    private LogTail() {
    }

    static String read(Path file, int bytes) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(bytes, length);
            byte[] buffer = new byte[size];
            in.seek(length - size);
            in.readFully(buffer);
            return TailBuffer.decode(buffer, length > size);
        } catch (NoSuchFileException | FileNotFoundException e) {
            return "";
        }
    }
}
