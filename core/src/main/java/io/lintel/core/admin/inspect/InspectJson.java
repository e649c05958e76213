package io.lintel.core.admin.inspect;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes the inspection documents as indented JSON, record components in declaration order. */
final class InspectJson {

    /** Built on first use, like the admin server's other mapper: Jackson is slow to load on the start-up path. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    private InspectJson() {}

    static void write(OutputStream out, Object document) throws IOException {
        try (JsonGenerator generator = Mapper.INSTANCE.createGenerator(out)) {
            Mapper.INSTANCE.writeValue(generator, document);
        }
    }
}
