package io.bulwark.engine.runs;

import io.bulwark.agent.tasks.AgentTasks;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.protocol.servers.ServerView;

/** Which agent carries out a task on a server: the engine itself for its own server, else the server's agent. */
public class TaskAgents {
    private final AgentControl control;
    private final TaskAgent inProcess;

    public TaskAgents(AgentControl control, AgentTasks inProcess) {
        this.control = control;
        this.inProcess = new InProcessTaskAgent(inProcess);
    }

    public TaskAgent on(ServerView server) {
        return server.builtIn() ? inProcess : new RemoteTaskAgent(control, server);
    }
}
