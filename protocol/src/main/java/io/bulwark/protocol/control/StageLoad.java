package io.bulwark.protocol.control;

/**
 * How busy each stage of a task's pipeline was, in percent of the task's time, as the agent
 * measured it: a stage is busy while it works and idle while it waits for the stage before or
 * after it. The busiest one is the bottleneck.
 *
 * @param source  reading the disk
 * @param proxy   fingerprinting, compressing, encrypting
 * @param network sending to the repository agent (0 for a local repository)
 * @param target  the repository storing
 */
public record StageLoad(int source, int proxy, int network, int target) {
    public static final StageLoad NONE = new StageLoad(0, 0, 0, 0);

    public String bottleneck() {
        int max = Math.max(Math.max(source, proxy), Math.max(network, target));
        if (max == 0) {
            return "None";
        }
        return max == source ? "Source" : max == proxy ? "Proxy" : max == network ? "Network" : "Target";
    }
}
