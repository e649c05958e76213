package io.lintel.core.inject;

import dagger.BindsInstance;
import dagger.Component;
import io.lintel.core.plugin.PluginRegistry;
import jakarta.inject.Singleton;

/** Wires one Lintel process from its settings and the loaded plugins. */
@Singleton
@Component(modules = LintelModule.class)
public interface LintelComponent {

    LintelRuntime runtime();

    @Component.Factory
    interface Factory {
        LintelComponent create(@BindsInstance LintelSettings settings, @BindsInstance PluginRegistry registry);
    }
}
