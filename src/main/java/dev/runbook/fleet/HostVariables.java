package dev.runbook.fleet;

import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A host's merged variables as the runbook params they may become. A single value is text (written
 * as nothing, it is ""). A list or a mapping, a value encrypted with ansible-vault, or (in Ansible's
 * form) a value holding a {{ }} template that only Ansible would expand cannot be a param: each is
 * kept with why and where, so that only a runbook that takes it as a param refuses (HostParams), not
 * every inventory that holds one for its other playbooks.
 */
record HostVariables(Map<String, String> values, Map<String, String> unusable, Map<String, String> places) {

    static final String VAULT = "$ANSIBLE_VAULT;";

    static HostVariables of(Map<String, Node> vars, boolean ansibleForm) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> unusable = new LinkedHashMap<>();
        Map<String, String> places = new LinkedHashMap<>();
        vars.forEach((name, node) -> {
            String why = whyUnusable(node, ansibleForm);
            if (why == null) {
                values.put(name, ((Scalar) node).isNull() ? "" : ((Scalar) node).text());
                places.put(name, node.location().toString());
            } else {
                unusable.put(name, why + " (" + node.location() + ")");
            }
        });
        return new HostVariables(values, unusable, places);
    }

    /** Why this value cannot be a runbook param, or null when it can. */
    static String whyUnusable(Node node, boolean ansibleForm) {
        if (!(node instanceof Scalar scalar)) {
            return "is " + node.kind() + ", and runbook params are text";
        }
        if (scalar.text().startsWith(VAULT)) {
            return "is encrypted with ansible-vault, which runbook does not decrypt";
        }
        if (ansibleForm && scalar.isTemplate()) {
            return "holds an Ansible template ('" + scalar.text().strip() + "'), which runbook does not expand";
        }
        return null;
    }
}
