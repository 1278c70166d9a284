package manynuts.models;

/**
 * Two outputs of a model that form a funnel: a scale whose value sets the spread of a member (tau_log and
 * theta[1] in eight schools, v and x[1] in Neal's funnel).
 *
 * @param scale      the output on the vertical axis, e.g. {@code tau_log}
 * @param scaleLabel how plots and checks name it, e.g. {@code log tau}
 * @param member     the output on the horizontal axis, e.g. {@code theta[1]}
 */
public record FunnelPair(String scale, String scaleLabel, String member) {
}
