package dev.runbook.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The ssh options of an inventory's {@code ansible_ssh_common_args} (or {@code _extra_args}) that would
 * take this controller to a host another way than the team's Ansible goes: a bastion ({@code -J},
 * {@code ProxyJump}, {@code ProxyCommand}), another address, port or user, or another key. Those are
 * named so the run can refuse, as is {@code -F FILE} (another config file may say any of those;
 * {@code -F /dev/null}, no config, is left out); the rest (connection sharing, keep-alives,
 * known-hosts settings) tune how ssh talks and are left out, since the controller connects its own way and is
 * stricter about host keys. Values are split as a shell would split them (quotes kept together).
 */
final class SshArgs {

    private static final Set<String> ROUTE_OPTIONS = Set.of("proxyjump", "proxycommand", "hostname", "port", "user",
            "identityfile", "certificatefile");
    private static final Set<String> ROUTE_FLAGS = Set.of("-J", "-p", "-l", "-i");
    /** Flags of ssh(1) that take a value: the value is skipped, not read as a flag. */
    private static final Set<String> WITH_VALUE = Set.of("-B", "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-L", "-m",
            "-O", "-Q", "-R", "-S", "-W", "-w");

    private SshArgs() {
    }

    /** The first option that changes the route, as written, or empty when none does; a value ssh could not read is one. */
    static Optional<String> routeChange(String args) {
        List<String> words = words(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : null;
            if (word.startsWith("-o")) {
                String option = word.length() > 2 ? word.substring(2) : next;
                if (word.length() == 2) {
                    i++;
                }
                if (option == null || ROUTE_OPTIONS.contains(key(option))) {
                    return Optional.of(word.length() > 2 || option == null ? word : word + " " + option);
                }
            } else if (word.length() >= 2 && ROUTE_FLAGS.contains(word.substring(0, 2))) {
                return Optional.of(word.length() == 2 && next != null ? word + " " + next : word);
            } else if (word.equals("-F") && next != null && !next.equals("/dev/null")) {
                return Optional.of(word + " " + next); // another config file may route another way
            } else if (word.startsWith("-F") && word.length() > 2 && !word.substring(2).equals("/dev/null")) {
                return Optional.of(word);
            } else if (WITH_VALUE.contains(word)) {
                i++;
            }
        }
        return Optional.empty();
    }

    private static String key(String option) {
        int end = 0;
        while (end < option.length() && option.charAt(end) != '=' && !Character.isWhitespace(option.charAt(end))) {
            end++;
        }
        return option.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Split as a shell splits: whitespace outside quotes, '...' and "..." kept together (without the quotes). */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
