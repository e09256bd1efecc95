package cn.fengtai.pool.events.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The offline verifier for auditors: checks an exported history ({@code GET /api/audit/export}), or the proof of one
 * event ({@code GET /api/audit/proof/{position}}: the same form, starting from the chain's hash just before the event),
 * against its signed checkpoint and a public key obtained independently of the server, trusting nothing else the
 * server said.
 *
 * <pre>java -cp shared-events.jar cn.fengtai.pool.events.audit.VerifyExport export.json public-key.txt</pre>
 *
 * It recomputes every event's global hash from the canonical forms in the export, in position order, and checks that
 * the last one is the hash the checkpoint signed, and that the signature is valid for the given key. Exit code 0 means
 * intact, 1 means not.
 */
public final class VerifyExport {

    public record Result(boolean valid, long events, String problem, Long first) {
        Result(boolean valid, long events, String problem) {
            this(valid, events, problem, null);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: VerifyExport <export.json> <public-key.txt (base64 X.509)>");
            System.exit(2);
        }
        Result result = verify(new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0]))),
                Signatures.publicKey(Files.readString(Path.of(args[1]))));
        System.out.println(result.valid() ? "VALID: " + result.events() + " events up to the signed checkpoint, the first "
                + "at position " + result.first()
                : "INVALID: " + result.problem());
        System.exit(result.valid() ? 0 : 1);
    }

    public static Result verify(JsonNode export, PublicKey key) {
        JsonNode checkpoint = export.path("checkpoint");
        long checkpointPosition = checkpoint.path("position").asLong();
        String signedHash = checkpoint.path("globalHash").asText();
        if (!Signatures.verify(key, EventChain.checkpointMessage(checkpointPosition, signedHash), checkpoint.path("signature").asText())) {
            return new Result(false, 0, "the checkpoint's signature does not match the public key");
        }
        String hash = export.path("previousGlobalHash").asText(EventChain.GENESIS);
        long previous = -1;
        long count = 0;
        ObjectMapper json = new ObjectMapper();
        for (JsonNode event : export.path("events")) {
            long position = event.path("position").asLong();
            String canonical = event.path("canonical").asText();
            try {
                JsonNode parsed = json.readTree(canonical);
                if (parsed.path("position").asLong() != position || position <= previous || !Canonical.of(parsed).equals(canonical)) {
                    return new Result(false, count, "event at position " + position + " is out of order or not canonical");
                }
            } catch (Exception e) {
                return new Result(false, count, "event at position " + position + " is not JSON");
            }
            hash = EventChain.link(hash, canonical);
            if (!hash.equals(event.path("globalHash").asText())) {
                return new Result(false, count, "the chain breaks at position " + position);
            }
            previous = position;
            count++;
        }
        if (previous != checkpointPosition || !hash.equals(signedHash)) {
            return new Result(false, count, "the recomputed hash at position " + previous + " is not the one the checkpoint signed");
        }
        return new Result(true, count, null, export.path("events").path(0).path("position").asLong());
    }
}
