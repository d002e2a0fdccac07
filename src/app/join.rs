//! How guests reach the SSH server this view runs, as plain data the
//! runtime hands in: addresses, port, join code and the host key's
//! fingerprint, and the `ssh` lines that work exactly as typed.

use crate::model::{Board, Plan};

/// The SSH user name that opens the board picker (any name that is not a
/// board id or `projector` does too; this one is shown).
pub const PICKER_USER: &str = "join";

/// The note-takers connected over SSH right now, one label each (name,
/// and group when known), as the server keeps them; the facilitator's
/// view asks before it quits while any are.
#[derive(Debug, Clone, Default)]
pub struct Guests(std::sync::Arc<std::sync::Mutex<(u64, std::collections::BTreeMap<u64, String>)>>);

impl Guests {
    /// Counts one more guest until [`Guests::leave`] with the id returned.
    pub fn join(&self, label: String) -> u64 {
        let mut inner = self.0.lock().unwrap_or_else(|e| e.into_inner());
        inner.0 += 1;
        let id = inner.0;
        inner.1.insert(id, label);
        id
    }

    /// The guest `id` left.
    pub fn leave(&self, id: u64) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).1.remove(&id);
    }

    /// Every guest's label, in the order they came.
    pub fn labels(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .values()
            .cloned()
            .collect()
    }
}

/// Whether a guest on SSH may write on `board`: every board but the key
/// findings, which are the facilitator's (a guest may read them).
pub fn guest_may_write(board: &Board) -> bool {
    board.kind != crate::model::BoardKind::Findings
}

/// The boards offered to guests: those of `shown` a guest may write on,
/// else (the plenary shows only the findings) every such board of the plan.
pub fn guest_boards<'a>(plan: &'a Plan, shown: Vec<&'a Board>) -> Vec<&'a Board> {
    let mut boards = shown;
    boards.retain(|b| guest_may_write(b));
    if boards.is_empty() {
        boards = plan.boards.iter().filter(|b| guest_may_write(b)).collect();
    }
    boards
}

/// Rows `?` shows above the keys while a server runs: command, code, host key.
pub const HELP_ROWS: usize = 3;

/// Where and how to join a running `runde` SSH server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinInfo {
    /// Addresses guests can reach, the first one shown largest (never empty
    /// when built by the server).
    pub hosts: Vec<String>,
    pub port: u16,
    pub code: String,
    /// The host key's SHA-256 fingerprint as OpenSSH prints it (`SHA256:…`).
    pub fingerprint: String,
}

impl JoinInfo {
    /// The address shown first.
    pub fn host(&self) -> &str {
        self.hosts.first().map_or("localhost", String::as_str)
    }

    /// `ssh [-p PORT] USER@HOST` for the first address.
    pub fn command(&self, user: &str) -> String {
        self.command_at(user, self.host())
    }

    /// The line that opens the group picker, with the code after
    /// `code_word`: "ssh -p 2622 join@HOST · Code 123456" (the header's and
    /// `runde serve`'s banner's).
    pub fn picker_line(&self, code_word: &str) -> String {
        format!("{} · {code_word} {}", self.command(PICKER_USER), self.code)
    }

    /// `ssh [-p PORT] USER@HOST` for `host`: plain words a shell passes on
    /// unchanged (an IPv6 address needs no brackets after `@`).
    pub fn command_at(&self, user: &str, host: &str) -> String {
        if self.port == 22 {
            format!("ssh {user}@{host}")
        } else {
            format!("ssh -p {} {user}@{host}", self.port)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_name_the_port_only_when_it_is_not_22() {
        let mut info = JoinInfo {
            hosts: vec!["192.168.1.20".into(), "10.0.0.5".into()],
            port: 2622,
            code: "424242".into(),
            fingerprint: "SHA256:abc".into(),
        };
        assert_eq!(info.command(PICKER_USER), "ssh -p 2622 join@192.168.1.20");
        assert_eq!(info.command_at("methods", "10.0.0.5"), "ssh -p 2622 methods@10.0.0.5");
        info.port = 22;
        assert_eq!(info.command(PICKER_USER), "ssh join@192.168.1.20");
    }
}
