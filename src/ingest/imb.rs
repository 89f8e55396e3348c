use super::{ImportOptions, IngestError, Summary};
use crate::store::Store;
use std::io::Read;

pub(super) fn import(
    _store: &Store,
    _reader: Box<dyn Read + Send + '_>,
    _digest: super::source::Digester,
    opts: &ImportOptions,
    _work_dir: &std::path::Path,
) -> Result<Summary, IngestError> {
    Err(IngestError::File { source_name: opts.source.clone(), reason: "not yet supported".into() })
}
