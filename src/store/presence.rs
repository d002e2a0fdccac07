//! Which facilitator views are open on a session folder on this machine:
//! each holds an OS lock on one file in the local state directory (never
//! in the session folder, so nothing syncs and no log is touched). The OS
//! drops the lock when the view ends, however it ends, so a crashed view
//! never blocks the next one.
use std::fs::File;
use std::path::Path;

use crate::error::{Error, Result};

/// This view's seat as the facilitator; released when dropped.
#[derive(Debug)]
pub struct FacilitatorSeat {
    _lock: File,
}

/// The outcome of taking the facilitator's seat.
#[derive(Debug)]
pub enum Claim {
    /// No other facilitator view is open here: the seat is ours.
    Taken(FacilitatorSeat),
    /// Another facilitator view on this machine holds the seat.
    Occupied,
}

/// Takes the facilitator's seat for the session in `session_dir`, below
/// the local state directory `root`.
pub fn claim_facilitator(root: &Path, session_dir: &Path) -> Result<Claim> {
    let session = session_dir.canonicalize().map_err(|e| Error::io(session_dir, e))?;
    let key = fnv1a(session.as_os_str().as_encoded_bytes());
    let folder = root.join("facilitator");
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let path = folder.join(format!("{key:016x}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    if try_lock(&file).map_err(|e| Error::io(&path, e))? {
        Ok(Claim::Taken(FacilitatorSeat { _lock: file }))
    } else {
        Ok(Claim::Occupied)
    }
}

/// FNV-1a: a stable file name for a session path.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Takes an exclusive lock on `file` without waiting; false if another
/// open file (another view, in this process or another) holds it. The OS
/// drops it when the holder ends, however it ends.
#[cfg(unix)]
pub fn try_lock(file: &File) -> std::io::Result<bool> {
    match rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Without flock(2): one view per writer is assumed.
#[cfg(not(unix))]
pub fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_finds_the_seat_taken_until_the_first_ends() {
        let tmp = tempfile::tempdir().unwrap();
        let session = tmp.path().join("s");
        std::fs::create_dir(&session).unwrap();
        let root = tmp.path().join("state");
        let first = claim_facilitator(&root, &session).unwrap();
        assert!(matches!(first, Claim::Taken(_)));
        assert!(matches!(claim_facilitator(&root, &session).unwrap(), Claim::Occupied));
        drop(first);
        assert!(matches!(claim_facilitator(&root, &session).unwrap(), Claim::Taken(_)));
    }
}
