package io.bulwark.engine.runs;

import io.bulwark.agent.tasks.AgentTasks;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.protocol.servers.ServerView;

/** Which agent carries out a task on a server. */
public interface TaskAgents {
    TaskAgent on(ServerView server);

    /** The engine itself for its own server (the built-in roles), else the server's agent over its control channel. */
    static TaskAgents of(AgentControl control, AgentTasks inProcess) {
        TaskAgent engineItself = new InProcessTaskAgent(inProcess);
        return server -> server.builtIn() ? engineItself : new RemoteTaskAgent(control, server);
    }
}
