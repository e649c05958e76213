package io.lintel.core.translate.decode;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * An object of a kind a plugin reads, decoded: core's typed {@code metadata} and what the plugin made of the rest. The
 * {@link HasMetadata} face lets it travel where the fabric8-typed kinds do (generation, creation time); nothing else
 * of fabric8's model applies to it.
 */
public abstract class PluginObject implements HasMetadata {

    private final String kind;
    private String apiVersion;
    private ObjectMeta metadata;

    PluginObject(String kind, String apiVersion, ObjectMeta metadata) {
        this.kind = requireNonNull(kind, "kind");
        this.apiVersion = requireNonNull(apiVersion, "apiVersion");
        this.metadata = requireNonNull(metadata, "metadata");
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @Override
    public String getKind() {
        return kind;
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }
}
