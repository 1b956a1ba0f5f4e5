/**
 * Network traffic rules, enforced on the data connections between agents (proxy → repository, and
 * the repository's answers back to the proxy).
 *
 * <p>The engine pushes the whole {@link io.bulwark.protocol.control.TrafficPolicy} over the control
 * channel ({@link io.bulwark.agent.traffic.TrafficRulesHandler}); the agent keeps it in a
 * {@link io.bulwark.agent.traffic.TrafficShaper} and in {@code traffic-policy.json} beside its
 * certificates, so that a restarted agent throttles at once, before the engine calls again.
 *
 * <p>A rule matches the bytes a connection sends when its source range holds the sending (local)
 * address, its target range the receiving (remote) address, and its schedule is active in the
 * policy's time zone at that moment. Each throttling rule has one token bucket that every
 * connection it matches draws from, so tasks under one rule share its bandwidth; a connection
 * under several throttling rules draws from each of them, so it is held to the lowest.
 *
 * <p>The {@code encrypt} flag of a rule needs nothing here: Bulwark's data channels are always
 * TLS 1.3 with mutual authentication, whatever the rules say, so traffic a rule asks to encrypt is
 * always encrypted. There is deliberately no plaintext mode to switch to.
 *
 * <p>Rates are decimal SI units: 1 Mbit/s = 125,000 bytes/s, 1 MB/s = 1,000,000 bytes/s,
 * 1 KB/s = 1,000 bytes/s. They count the data mover's bytes as handed to TLS; TLS adds about 0.1 %.
 */
package io.bulwark.agent.traffic;
