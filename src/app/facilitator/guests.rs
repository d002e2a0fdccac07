//! Quitting the facilitator's view of `facilitate --serve` stops the SSH
//! server, which ends every guest's view: while guests are connected,
//! `q` asks first and names them.
use super::Facilitator;
use crate::app::join::Guests;
use crate::app::shared::Shared;

impl Facilitator {
    /// Notes who is connected over SSH now; true when quitting must ask.
    pub(crate) fn guests_before_quit(&mut self, sh: &Shared) -> bool {
        self.quit_guests = sh.config.guests.as_ref().map(Guests::labels).unwrap_or_default();
        !self.quit_guests.is_empty()
    }
}
