package io.bulwark.engine.api;

import java.util.List;

/** A feature's contribution to the REST API. */
public interface RouteSource {
    List<ApiRoute> routes();
}
