package dev.visualsearch.index.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * Builds the official Java client for the configured nodes. Requests go to any live node (a dead one is retried
 * later), basic auth comes from the configuration (that is, the environment), and https uses the JVM's trust store,
 * so a production cluster with security on needs no code here.
 */
public final class OpenSearchClients {

    private OpenSearchClients() {
    }

    public static OpenSearchClient create(OpenSearchConfig config) {
        HttpHost[] hosts = config.hosts().stream().map(OpenSearchClients::host).toArray(HttpHost[]::new);
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (config.username().isPresent()) {
            for (HttpHost host : hosts) {
                credentials.setCredentials(new AuthScope(host), new UsernamePasswordCredentials(
                        config.username().get(), config.password().orElse("").toCharArray()));
            }
        }
        long timeoutMs = config.timeout().toMillis();
        return new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper(new ObjectMapper()))
                .setHttpClientConfigCallback(client -> client.setDefaultCredentialsProvider(credentials))
                .setRequestConfigCallback(request -> request
                        .setConnectionRequestTimeout(Timeout.of(timeoutMs, TimeUnit.MILLISECONDS))
                        .setResponseTimeout(Timeout.of(timeoutMs, TimeUnit.MILLISECONDS)))
                .build());
    }

    private static HttpHost host(String url) {
        URI uri = URI.create(url.strip());
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("app.opensearch.hosts: '" + url + "' is not a URL like http://host:9200");
        }
        return new HttpHost(uri.getScheme() == null ? "http" : uri.getScheme(), uri.getHost(),
                uri.getPort() < 0 ? 9200 : uri.getPort());
    }
}
