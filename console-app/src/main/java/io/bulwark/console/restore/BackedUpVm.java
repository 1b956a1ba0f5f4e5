package io.bulwark.console.restore;

import java.time.Instant;

/**
 * A VM with restore points, as the wizard's first page lists it.
 *
 * @param reference the VM's inventory reference, which its restore points name
 * @param jobs      the jobs that back it up, comma-separated (usually one)
 * @param newest    its newest restore point's time
 */
public record BackedUpVm(String reference, String name, String jobs, Instant newest, int points) {
}
