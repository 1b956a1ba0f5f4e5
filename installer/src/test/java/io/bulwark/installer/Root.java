package io.bulwark.installer;

import com.sun.security.auth.module.UnixSystem;

/** Whether the tests run as root: installing, starting and removing the agent need it. */
final class Root {
    private Root() {
    }

    static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }
}
