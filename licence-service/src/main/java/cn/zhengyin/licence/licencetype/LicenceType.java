package cn.zhengyin.licence.licencetype;

import java.util.List;
import java.util.Optional;

/**
 * One licence type, loaded from {@code templates/<slug>/}.
 *
 * @param slug       folder name, lower-case words joined by '-' (e.g. {@code business-licence})
 * @param descriptor catalogue data from {@code type.json}
 * @param fields     field schema from {@code fields.json}, in declaration order
 * @param layout     printed appearance from {@code layout.json}
 * @param sample     fictional sample from {@code sample.json}
 */
public record LicenceType(
        String slug,
        LicenceTypeDescriptor descriptor,
        List<FieldDefinition> fields,
        Layout layout,
        LicenceSample sample) {

    public LicenceType {
        fields = List.copyOf(fields);
    }

    /** The 21-character licence type code (证照类型代码, GB/T 36904). */
    public String typeCode() {
        return descriptor.typeCode();
    }

    public Optional<FieldDefinition> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /**
     * The fields printed on the licence's page (layout placeholders naming a field of the schema), in layout order:
     * everything a copy of the printed licence discloses.
     */
    public List<String> printedFields() {
        return layout.printedFieldKeys().stream()
                .filter(key -> field(key).isPresent())
                .toList();
    }

    /** The field that plays {@code role}, if the type declares one. */
    public Optional<FieldDefinition> fieldWithRole(FieldRole role) {
        return fields.stream()
                .filter(f -> f.role().filter(role::equals).isPresent())
                .findFirst();
    }
}
