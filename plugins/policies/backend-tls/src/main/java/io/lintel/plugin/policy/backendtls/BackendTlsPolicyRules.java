package io.lintel.plugin.policy.backendtls;

import io.lintel.schema.Violations;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The BackendTLSPolicy CRD's CEL rules, with its messages. */
final class BackendTlsPolicyRules {

    /**
     * "sectionName must be specified when targetRefs includes 2 or more references to the same target" (all or none of
     * a target's references have one) and "sectionName must be unique when ...".
     */
    static void sectionNamesOfSameTarget(List<?> refs, String at, Violations out) {
        Map<List<Object>, Boolean> sectioned = new HashMap<>();
        Set<List<Object>> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            Map<?, ?> ref = (Map<?, ?>) refs.get(i);
            List<Object> target = Arrays.asList(ref.get("group"), ref.get("kind"), ref.get("name"));
            Object section = ref.get("sectionName");
            boolean hasSection = section != null && !"".equals(section);
            Boolean first = sectioned.putIfAbsent(target, hasSection);
            if (first != null && first != hasSection) {
                out.add(Violations.index(at, i), "sectionName must be specified when targetRefs includes 2 or more"
                        + " references to the same target");
            } else if (!seen.add(Arrays.asList(target, hasSection ? section : null))) {
                out.add(Violations.index(at, i), "sectionName must be unique when targetRefs includes 2 or more"
                        + " references to the same target");
            }
        }
    }

    /** The four SubjectAltName rules: hostname with type Hostname only, uri with type URI only. */
    static void subjectAltNameMatchesType(Map<?, ?> san, String at, Violations out) {
        Object type = san.get("type");
        for (String t : List.of("Hostname", "URI")) {
            String field = t.equals("URI") ? "uri" : "hostname";
            boolean set = san.get(field) instanceof String v && !v.isEmpty();
            if (t.equals(type) && !set) {
                out.add(at, "SubjectAltName element must contain " + t + ", if Type is set to " + t);
            } else if (!t.equals(type) && set) {
                out.add(at, "SubjectAltName element must not contain " + t + ", if Type is not set to " + t);
            }
        }
    }

    /** "must not contain both CACertificateRefs and WellKnownCACertificates" and "must specify either ...". */
    static void oneTrustSource(Map<?, ?> validation, String at, Violations out) {
        boolean refs = validation.get("caCertificateRefs") instanceof List<?> l && !l.isEmpty();
        boolean wellKnown = validation.get("wellKnownCACertificates") instanceof String s && !s.isEmpty();
        if (refs && wellKnown) {
            out.add(at, "must not contain both CACertificateRefs and WellKnownCACertificates");
        } else if (!refs && !wellKnown) {
            out.add(at, "must specify either CACertificateRefs or WellKnownCACertificates");
        }
    }

    private BackendTlsPolicyRules() {}
}
