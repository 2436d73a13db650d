package io.slipway.plugins.upload;

/**
 * What a first pass over an archive found, every entry having passed the checks.
 *
 * @param entries how many entries it has (files, folders, links)
 * @param files how many regular files
 * @param unpackedBytes the files' total size
 * @param stripPrefix the single top-level folder ({@code "site/"}) stripped when unpacking; empty when none
 */
record ArchiveSurvey(int entries, int files, long unpackedBytes, String stripPrefix) {
}
