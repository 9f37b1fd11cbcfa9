package cn.zhengyin.licence.verification;

import cn.zhengyin.licence.registry.LicenceStatus;
import java.util.Optional;

/**
 * What the registry says about a verified file.
 *
 * @param found            a registered licence version has a rendition with exactly this file's SHA-256
 * @param identifier       that version's identifier
 * @param version          its version number
 * @param currentVersion   the identifier of the licence's current version (differs when this file is superseded)
 * @param isCurrentVersion whether the file is the current version
 * @param licenceStatus    the licence's status now (EXPIRED computed from the validity dates)
 */
public record RegistryAnswer(
        boolean found,
        Optional<String> identifier,
        Optional<Integer> version,
        Optional<String> currentVersion,
        boolean isCurrentVersion,
        Optional<LicenceStatus> licenceStatus,
        String message) {

    /** The same answer with a note appended to its message. */
    RegistryAnswer withNote(String note) {
        return new RegistryAnswer(
                found, identifier, version, currentVersion, isCurrentVersion, licenceStatus, message + "; " + note);
    }

    static RegistryAnswer notFound(String message) {
        return new RegistryAnswer(
                false, Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), message);
    }
}
