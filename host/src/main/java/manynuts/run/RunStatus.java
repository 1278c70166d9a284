package manynuts.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How a run ended, as its run.json says: complete, interrupted (why, and how many draws of each chain it had
 * written), or still "running" (killed, or still sampling). Runs made before run.json recorded this say nothing.
 *
 * @param state         what run.json's "status" says
 * @param reason        why the run was interrupted (SIGTERM, SIGINT or an error), null unless interrupted
 * @param drawsPerChain each chain's complete draws on disk when it was interrupted, null when not recorded
 */
public record RunStatus(State state, String reason, int[] drawsPerChain) {

    /** The values of run.json's "status", and {@link #UNRECORDED} for runs older than the field. */
    public enum State { RUNNING, COMPLETE, INTERRUPTED, UNRECORDED }

    /** What a run made before run.json recorded its status says. */
    public static final RunStatus UNRECORDED = new RunStatus(State.UNRECORDED, null, null);

    /** Reads "status" and "interrupted" from run.json's root; a value that means nothing is one line naming it. */
    static RunStatus read(JsonNode root, int chains, Path file) {
        JsonNode status = root.get("status");
        if (status == null || status.isNull()) {
            return UNRECORDED;
        }
        String text = status.isTextual() ? status.textValue() : "";
        if (text.equals("running")) {
            return new RunStatus(State.RUNNING, null, null);
        }
        if (text.equals("complete")) {
            return new RunStatus(State.COMPLETE, null, null);
        }
        if (!text.equals("interrupted")) {
            throw new RunInputException(file + ": status must be \"running\", \"complete\" or \"interrupted\", got "
                    + status);
        }
        JsonNode interrupted = root.path("interrupted");
        String reason = interrupted.path("reason").isTextual()
                ? interrupted.path("reason").textValue().strip().replaceAll("\\s*\\R\\s*", " ") : "reason not recorded";
        JsonNode counts = interrupted.path("draws_per_chain");
        if (counts.isMissingNode() || counts.isNull()) {
            return new RunStatus(State.INTERRUPTED, reason, null);
        }
        if (!counts.isArray() || counts.size() != chains) {
            throw new RunInputException(file + ": interrupted.draws_per_chain must list the draws of each of the "
                    + chains + " chains, got " + counts);
        }
        int[] drawsPerChain = new int[chains];
        for (int chain = 0; chain < chains; chain++) {
            JsonNode count = counts.get(chain);
            if (!count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 0) {
                throw new RunInputException(file + ": interrupted.draws_per_chain must hold whole numbers of draws, "
                        + "got " + count + " for chain " + (chain + 1));
            }
            drawsPerChain[chain] = count.intValue();
        }
        return new RunStatus(State.INTERRUPTED, reason, drawsPerChain);
    }

    @Override
    public String toString() {
        return state + (reason == null ? "" : " (" + reason + ")")
                + (drawsPerChain == null ? "" : " " + Arrays.toString(drawsPerChain));
    }
}
