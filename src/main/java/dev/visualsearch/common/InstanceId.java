package dev.visualsearch.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Names this running service instance (host, process, and a random part, so a restarted process is a new instance)
 * where several instances share one database: embedding claims record who holds them.
 */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String id = host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.value = id.length() > 100 ? id.substring(id.length() - 100) : id;
    }

    public String value() {
        return value;
    }
}
