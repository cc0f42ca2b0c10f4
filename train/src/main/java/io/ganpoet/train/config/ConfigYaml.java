package io.ganpoet.train.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A configuration's YAML: read into dotted keys (snakeyaml-engine builds only maps, lists and
 * scalars, never arbitrary types) and written back nested, every key out.
 */
final class ConfigYaml {

    private ConfigYaml() {}

    /** A file's text, refused by name when it is not UTF-8. */
    static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            // The JDK's own words here are "Input length = 1", naming neither the file nor the problem.
            throw new ConfigException(
                    file + ": not a text file (its bytes are not UTF-8 text); give an experiment YAML file");
        }
    }

    /** YAML text as dotted keys and their raw values; empty for an empty document. */
    static Map<String, Object> read(String yaml, String origin, Map<String, ConfigKey> byName) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(origin).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(ConfigValues.yamlProblem(origin, e));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        if (root == null) {
            return flat;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(origin + ": expected a map of settings at the top level");
        }
        flatten("", map, flat, origin, byName);
        return flat;
    }

    static void flatten(
            String prefix, Map<?, ?> map, Map<String, Object> into, String origin, Map<String, ConfigKey> byName) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                if (byName.containsKey(key)) {
                    throw new ConfigException(origin + ": key '" + key + "' takes a value, not a map");
                }
                flatten(key + ".", nested, into, origin, byName);
            } else {
                into.put(key, e.getValue());
            }
        }
    }

    /** The keys nested by their dots, in the schema's order. */
    static String write(List<ConfigKey> keys, Map<String, Object> values) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            String[] parts = key.name().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child =
                        (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1], values.get(key.name()));
        }
        return new Dump(DumpSettings.builder()
                        .setDefaultFlowStyle(FlowStyle.BLOCK)
                        .build())
                .dumpToString(root);
    }
}
