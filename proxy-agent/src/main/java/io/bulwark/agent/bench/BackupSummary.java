package io.bulwark.agent.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;

/** The parts of {@code bulwark backup --json}'s summary line the benchmark uses. */
record BackupSummary(String pointId, long bytesRead) {
    static BackupSummary parse(String stdout) throws StepFailedException {
        String line = stdout.strip();
        try {
            JsonNode json = ApiJson.mapper().readTree(line);
            if (json == null || !json.hasNonNull("pointId") || !json.hasNonNull("bytesRead")) {
                throw new StepFailedException("bulwark backup --json printed no summary with pointId and bytesRead: " + line);
            }
            return new BackupSummary(json.get("pointId").asText(), json.get("bytesRead").asLong());
        } catch (JsonProcessingException e) {
            throw new StepFailedException("bulwark backup --json printed something that is not JSON: " + line, e);
        }
    }
}
