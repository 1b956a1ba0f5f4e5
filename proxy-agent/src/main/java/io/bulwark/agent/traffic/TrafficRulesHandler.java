package io.bulwark.agent.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.remote.ControlHandler;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlDone;
import io.bulwark.protocol.control.TrafficPolicy;

/**
 * Takes the engine's traffic rules ({@code traffic-rules}): checks them, saves them for the next
 * start, and applies them to the data connections, open ones included. A policy that fails the
 * check changes nothing, neither the rules in force nor the saved file.
 */
public final class TrafficRulesHandler implements ControlHandler {
    private final TrafficShaper shaper;
    private final TrafficPolicyFile file;

    public TrafficRulesHandler(TrafficShaper shaper, TrafficPolicyFile file) {
        this.shaper = shaper;
        this.file = file;
    }

    @Override
    public synchronized Object handle(JsonNode body) throws Exception {
        if (body == null || body.isNull()) {
            throw new IllegalArgumentException("traffic-rules needs a body: the policy with zone, rules and uploadStreams");
        }
        TrafficPolicy policy = ApiJson.mapper().treeToValue(body, TrafficPolicy.class);
        shaper.check(policy);
        // Saved before it applies: an agent that could not save would lose the rules on restart,
        // and the engine, told so, sends them again. One request at a time, so that the file and
        // the rules in force are always the same policy.
        file.save(policy);
        shaper.apply(policy);
        return new ControlDone(ControlChannel.TRAFFIC_RULES);
    }
}
