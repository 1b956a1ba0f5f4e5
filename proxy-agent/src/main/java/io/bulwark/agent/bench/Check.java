package io.bulwark.agent.bench;

/**
 * Something the benchmark verified besides timing, such as a restore being bit-exact. A failed
 * check makes the whole run fail: numbers from a wrong restore or a misdirected incremental are
 * worthless.
 */
record Check(String what, boolean passed, String detail) {
}
