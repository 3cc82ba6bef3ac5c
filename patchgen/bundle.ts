/**
 * The layout of a patch bundle now lives in contract/bundle.ts, which the runtime reads too; this
 * module keeps patchgen's imports short.
 */
export {
  BASE_DIR, CHECKED_JSON, CHECKED_SIG, findMetadata, MAPPING_JS, MAPPING_TS, mappingHash, mappingHeader, META_SUFFIX, NEW_DIR,
  PATCH_JSON, recordedMappingHash,
} from '../contract/bundle.js';
