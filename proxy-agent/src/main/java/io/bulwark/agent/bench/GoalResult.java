package io.bulwark.agent.bench;

/** One of the goals, whether this run met it, and the value it was judged on. */
record GoalResult(String goal, boolean met, String measured) {
}
