package dev.runbook.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every form in which a command or runbook itself may print a secret: as it is; shell-quoted
 * (bare, inside '...', inside "..."); JSON-escaped (of each of those, with and without \\uXXXX for
 * non-ASCII and with escaped slashes); URL-encoded (form and strict percent-encoding, hex in either
 * case); base32 (RFC 4648, as coreutils' base32 prints it); base64 (standard and URL-safe, padded or not, with and without a trailing newline, and at
 * each of the three byte alignments inside longer data such as "user:secret"); hex, plain or with its bytes
 * separated by spaces (od -tx1, hexdump) or colons; and upper- and
 * lower-case. Forms shorter than the secret itself are left out: they would mask unrelated text.
 */
public final class SecretForms {

    /** Shorter secrets are refused at input: they occur by chance in ordinary output, and masking them there reveals them. */
    public static final int MIN_LENGTH = 6;
    /** A base64 core at an unknown alignment is masked only from this length: shorter ones match by chance. */
    private static final int MIN_ALIGNED_CORE = 8;

    private SecretForms() {
    }

    public static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        if (secret == null || secret.isEmpty()) {
            return forms;
        }
        Set<String> texts = new LinkedHashSet<>();
        texts.add(secret);
        texts.add(ShellQuote.quote(secret));
        texts.add(secret.replace("'", "'\\''"));
        texts.add("'" + secret.replace("'", "'\"'\"'") + "'"); // Python's shlex.quote
        texts.add(secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`"));
        for (String text : texts) {
            forms.add(text);
            forms.add(json(text, false));
            forms.add(json(text, true));
            forms.add(json(text, false).replace("/", "\\/"));
        }
        forms.add(secret.toUpperCase(Locale.ROOT));
        forms.add(secret.toLowerCase(Locale.ROOT));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        addHexCases(forms, form);
        addHexCases(forms, form.replace("+", "%20"));
        addHexCases(forms, percentEncoded(bytes));
        base64(forms, bytes);
        base64(forms, (secret + "\n").getBytes(StandardCharsets.UTF_8));
        aligned(forms, bytes);
        for (String separator : new String[] {"", " ", ":"}) { // hex as sha/xxd -p, od -tx1 / hexdump, openssl
            forms.add(HexFormat.ofDelimiter(separator).formatHex(bytes));
            forms.add(HexFormat.ofDelimiter(separator).withUpperCase().formatHex(bytes));
        }
        String base32 = Base32.encode(bytes);
        forms.add(base32);
        forms.add(base32.replace("=", ""));
        forms.removeIf(f -> f.length() < Math.min(secret.length(), MIN_LENGTH));
        return forms;
    }

    private static void base64(Set<String> forms, byte[] bytes) {
        String standard = Base64.getEncoder().encodeToString(bytes);
        String url = Base64.getUrlEncoder().encodeToString(bytes);
        forms.add(standard);
        forms.add(standard.replace("=", ""));
        forms.add(url);
        forms.add(url.replace("=", ""));
    }

    /**
     * Inside longer data the secret's base64 depends on how many bytes come before it (0, 1 or 2
     * modulo 3): mask the characters that depend on the secret alone, for each alignment.
     */
    private static void aligned(Set<String> forms, byte[] bytes) {
        for (int lead = 1; lead <= 2; lead++) {
            byte[] shifted = new byte[lead + bytes.length];
            System.arraycopy(bytes, 0, shifted, lead, bytes.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int from = 4; // the first group mixes in the bytes before the secret
            int to = ((lead + bytes.length) / 3) * 4; // a last partial group mixes in the bytes after it
            if (to - from >= MIN_ALIGNED_CORE) {
                String core = encoded.substring(from, to);
                forms.add(core);
                forms.add(core.replace('+', '-').replace('/', '_'));
            }
        }
        String encoded = Base64.getEncoder().encodeToString(bytes);
        int to = (bytes.length / 3) * 4;
        if (to >= MIN_ALIGNED_CORE) {
            forms.add(encoded.substring(0, to));
            forms.add(encoded.substring(0, to).replace('+', '-').replace('/', '_'));
        }
    }

    private static void addHexCases(Set<String> forms, String percent) {
        forms.add(percent);
        StringBuilder lower = new StringBuilder(percent.length());
        for (int i = 0; i < percent.length(); i++) {
            char c = percent.charAt(i);
            boolean hexDigit = i > 0 && (percent.charAt(i - 1) == '%' || i > 1 && percent.charAt(i - 2) == '%');
            lower.append(hexDigit ? Character.toLowerCase(c) : c);
        }
        forms.add(lower.toString());
    }

    /** RFC 3986: everything but A-Z a-z 0-9 - . _ ~ as %XX. */
    private static String percentEncoded(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The inside of a JSON string; with {@code ascii}, every non-ASCII character as \\uXXXX (Python's default). */
    static String json(String text, boolean ascii) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || ascii && c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
