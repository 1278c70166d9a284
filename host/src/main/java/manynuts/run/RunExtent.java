package manynuts.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import manynuts.diagnostics.draws.ChainDraws;

/**
 * How far a saved run got: the draws of each chain in draws.csv, checked against what run.json says (its chains,
 * its draws, its status), and how many draws of every chain a summary takes: all of them for a complete run, the
 * shortest chain's for a run stopped part way, or as many as the user asks.
 *
 * @param drawsPerChain each chain's draws in draws.csv, chain 1 first (0 for a chain with none)
 * @param used          the draws of every chain to summarise
 * @param note          the one line saying the run was interrupted, or that fewer draws are summarised; null if
 *                      neither
 */
public record RunExtent(int[] drawsPerChain, int used, String note) {

    /**
     * Checks the chains of draws.csv against run.json and picks the draws to summarise.
     *
     * @param requested the draws of every chain to summarise, or null for all that every chain holds
     * @throws RunInputException if draws.csv and run.json disagree, a chain holds no draws, or a chain holds fewer
     *                           draws than requested: one line naming the file and the field
     */
    public static RunExtent of(RunRecord record, ChainDraws draws, Path drawsFile, Integer requested) {
        int[] lengths = lengths(record, draws, drawsFile);
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        int shortestChain = 0;
        for (int chain = 0; chain < lengths.length; chain++) {
            if (lengths[chain] < shortest) {
                shortest = lengths[chain];
                shortestChain = chain + 1;
            }
            longest = Math.max(longest, lengths[chain]);
        }
        boolean whole = shortest == record.draws();
        String interruption = interruption(record, lengths, whole, drawsFile);
        if (shortest == 0) {
            throw new RunInputException((interruption != null ? interruption + "; " : "") + drawsFile + " holds no "
                    + "draws of chain " + shortestChain + " of the " + record.chains() + " that settings.chains in "
                    + record.file() + " gives, so there is nothing to summarise");
        }
        int used = requested != null ? requested : shortest;
        if (used > shortest) {
            throw new RunInputException("--draws " + requested + ": chain " + shortestChain + " of " + drawsFile
                    + " holds only " + shortest + " draws");
        }
        String range = shortest == longest ? String.format(Locale.ROOT, "every chain holds %d draws", shortest)
                : String.format(Locale.ROOT, "chains hold %d to %d draws", shortest, longest);
        String taken = String.format(Locale.ROOT, "summarising the first %d draws of each of the %d chains%s", used,
                lengths.length, requested != null ? " (--draws " + requested + ")" : "");
        if (interruption != null) {
            return new RunExtent(lengths, used, String.format(Locale.ROOT, "%s at draw %d of %d: %s; %s",
                    interruption, shortest, record.draws(), range, taken));
        }
        if (used < record.draws()) {
            return new RunExtent(lengths, used, String.format(Locale.ROOT, "summarising the first %d of the %d draws "
                    + "of each of the %d chains (--draws %d)", used, record.draws(), lengths.length, used));
        }
        return new RunExtent(lengths, used, null);
    }

    /** Each chain's draws, after checking that draws.csv holds the chains run.json gives and no more draws. */
    private static int[] lengths(RunRecord record, ChainDraws draws, Path drawsFile) {
        int[] lengths = new int[record.chains()];
        for (int index = 0; index < draws.chains(); index++) {
            int chain = draws.chainNumbers()[index];
            if (chain > record.chains()) {
                throw new RunInputException(drawsFile + ": holds draws of chain " + chain + " but " + record.file()
                        + " gives settings.chains " + record.chains());
            }
            if (draws.length(index) > record.draws()) {
                throw new RunInputException(drawsFile + ": chain " + chain + " holds " + draws.length(index)
                        + " draws, more than settings.draws " + record.draws() + " in " + record.file());
            }
            lengths[chain - 1] = draws.length(index);
        }
        return lengths;
    }

    /**
     * What stopped the run, as the start of the line that says so; null for a run that holds every draw and was not
     * interrupted.
     */
    private static String interruption(RunRecord record, int[] lengths, boolean whole, Path drawsFile) {
        RunStatus status = record.status();
        switch (status.state()) {
            case COMPLETE:
                if (!whole) {
                    int chain = firstShort(lengths, record.draws());
                    throw new RunInputException(lengths[chain] == 0
                            ? drawsFile + ": holds no draws of chain " + (chain + 1) + ", but " + record.file()
                                    + " says the run is complete with settings.chains " + record.chains()
                            : drawsFile + ": chain " + (chain + 1) + " holds " + lengths[chain] + " draws, but "
                                    + record.file() + " says the run is complete with settings.draws "
                                    + record.draws());
                }
                return null;
            case INTERRUPTED: {
                int[] recorded = status.drawsPerChain();
                for (int chain = 0; recorded != null && chain < lengths.length; chain++) {
                    if (lengths[chain] < recorded[chain]) {
                        throw new RunInputException(drawsFile + ": chain " + (chain + 1) + " holds " + lengths[chain]
                                + " draws, fewer than the " + recorded[chain] + " of interrupted.draws_per_chain in "
                                + record.file());
                    }
                }
                return "run interrupted (" + status.reason() + ")";
            }
            case RUNNING:
                return whole ? "run stopped after its last draw while run.json still said \"running\""
                        : "run interrupted (killed, or still sampling: run.json says \"running\")";
            default:
                return whole ? null : "run cut short (run.json, older than the status field, says nothing of it)";
        }
    }

    private static int firstShort(int[] lengths, int draws) {
        int chain = 0;
        while (lengths[chain] == draws) {
            chain++;
        }
        return chain;
    }
}
