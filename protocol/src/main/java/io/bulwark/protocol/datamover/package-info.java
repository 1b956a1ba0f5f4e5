/**
 * The data mover wire format between a proxy agent and a repository agent; start at
 * {@link io.bulwark.protocol.datamover.DataMoverProtocol}.
 */
package io.bulwark.protocol.datamover;
