package org.corads.embeddeds3;

import org.gaul.s3proxy.Main;

/**
 * Starts S3Proxy and exits when its standard input closes, so that the embedded server never outlives the
 * pipeline process that started it, even when that process is killed without running shutdown hooks.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // parent alive
                }
            } catch (Exception e) {
                // fall through: parent gone
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Main.main(args);
    }
}
