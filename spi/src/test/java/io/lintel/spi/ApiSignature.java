package io.lintel.spi;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of the SPI as text, read by reflection from the compiled classes: one line per public type (kind,
 * supertypes) and per public or protected member (its generic signature), sorted, so that a diff of two versions
 * shows what plugins would see change.
 */
final class ApiSignature {

    private ApiSignature() {}

    /** The signature of every public type whose class file is under {@code classes}. */
    static List<String> of(Path classes) throws IOException {
        TreeSet<String> lines = new TreeSet<>();
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replace('\\', '.'))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .toList();
        }
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, ApiSignature.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot load " + name, e);
            }
            if (isApi(type)) {
                describe(type, lines);
            }
        }
        return new ArrayList<>(lines);
    }

    /** Public, and reachable by a plugin: nested types only inside public types. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> type, TreeSet<String> lines) {
        String name = type.getName();
        lines.add(name + " : " + header(type));
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers()) && !field.isSynthetic()) {
                lines.add(name + " # " + field.toGenericString());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                lines.add(name + " # " + constructor.toGenericString());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                lines.add(name + " # " + method.toGenericString());
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String header(Class<?> type) {
        String kind = type.isAnnotation() ? "annotation"
                : type.isInterface() ? "interface"
                : type.isEnum() ? "enum"
                : type.isRecord() ? "record"
                : "class";
        StringBuilder out = new StringBuilder(kind);
        int modifiers = type.getModifiers();
        if (!type.isInterface() && !type.isEnum() && !type.isRecord()) {
            if (Modifier.isAbstract(modifiers)) {
                out.append(" abstract");
            }
            if (Modifier.isFinal(modifiers)) {
                out.append(" final");
            }
        }
        if (type.getTypeParameters().length > 0) {
            out.append(Arrays.stream(type.getTypeParameters()).map(Type::getTypeName)
                    .collect(Collectors.joining(",", " <", ">")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && superclass != Record.class && !type.isEnum()) {
            out.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            out.append(Arrays.stream(interfaces).map(Type::getTypeName)
                    .collect(Collectors.joining(", ", " implements ", "")));
        }
        return out.toString();
    }
}
