package io.bulwark.engine.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Max-flow from datastores (their work in seconds) to proxies (slots times a time T) over the
 * datastores each proxy can read: Edmonds-Karp on a graph of a few dozen nodes.
 */
final class ReachFlow {
    private ReachFlow() {
    }

    static double maxFlow(Map<String, Double> work, List<ProxyCapacity> proxies, double seconds) {
        List<String> datastores = new ArrayList<>(work.keySet());
        int source = 0;
        int sink = 1;
        int firstStore = 2;
        int firstProxy = firstStore + datastores.size();
        int nodes = firstProxy + proxies.size();
        double[][] capacity = new double[nodes][nodes];
        for (int d = 0; d < datastores.size(); d++) {
            capacity[source][firstStore + d] = work.get(datastores.get(d));
            for (int p = 0; p < proxies.size(); p++) {
                if (proxies.get(p).modeTo(datastores.get(d)) != null) {
                    capacity[firstStore + d][firstProxy + p] = Double.MAX_VALUE;
                }
            }
        }
        for (int p = 0; p < proxies.size(); p++) {
            capacity[firstProxy + p][sink] = proxies.get(p).slots() * seconds;
        }
        double flow = 0;
        int[] parent = new int[nodes];
        while (true) {
            Arrays.fill(parent, -1);
            parent[source] = source;
            Deque<Integer> queue = new ArrayDeque<>(List.of(source));
            while (!queue.isEmpty() && parent[sink] < 0) {
                int at = queue.poll();
                for (int next = 0; next < nodes; next++) {
                    if (parent[next] < 0 && capacity[at][next] > 1e-9) {
                        parent[next] = at;
                        queue.add(next);
                    }
                }
            }
            if (parent[sink] < 0) {
                return flow;
            }
            double push = Double.MAX_VALUE;
            for (int at = sink; at != source; at = parent[at]) {
                push = Math.min(push, capacity[parent[at]][at]);
            }
            for (int at = sink; at != source; at = parent[at]) {
                capacity[parent[at]][at] -= push;
                capacity[at][parent[at]] += push;
            }
            flow += push;
        }
    }
}
