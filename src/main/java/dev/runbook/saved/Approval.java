package dev.runbook.saved;

import dev.runbook.json.PlainJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who approved which plan and when, kept beside the plan as {@code PLAN.approval}. It names the
 * plan by its checksum, so an approval holds for those bytes only: a plan saved again, or edited,
 * is not approved by it. It is a record, not a signature: whoever can write the plan's folder can
 * write one (docs/PLANS.md says why that is enough here and what to do when it is not).
 */
public record Approval(String planSha256, String approvedBy, Instant approvedAt) {

    /** Where the approval of {@code plan} is kept. */
    public static Path fileOf(Path plan) {
        Path absolute = plan.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".approval");
    }

    public void writeFor(Path plan) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("plan_sha256", planSha256);
        map.put("approved_by", approvedBy);
        map.put("approved_at", approvedAt.toString());
        Path file = fileOf(plan);
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, PlainJson.writePretty(map) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The approval kept beside {@code plan}; empty when there is none. */
    @SuppressWarnings("unchecked")
    public static Optional<Approval> of(Path plan) throws BadPlan {
        Path file = fileOf(plan);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> map = (Map<String, Object>) PlainJson.read(Files.readString(file));
            return Optional.of(new Approval(String.valueOf(map.get("plan_sha256")),
                    String.valueOf(map.get("approved_by")), Instant.parse(String.valueOf(map.get("approved_at")))));
        } catch (IOException | RuntimeException e) {
            throw new BadPlan(file + ": not an approval this version can read: " + e.getMessage(),
                    "approve the plan again with runbook approve " + plan);
        }
    }
}
