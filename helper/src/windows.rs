//! What the helper needs to behave as a Windows program: it has no console window
//! of its own (it starts at logon), yet prints when run from `cmd` or PowerShell;
//! it runs once per user session; and it reads the settings its MSI wrote.

use std::ffi::OsString;
use std::os::windows::ffi::{OsStrExt, OsStringExt};

use windows_sys::Win32::Foundation::{
    GetLastError, ERROR_ALREADY_EXISTS, ERROR_FILE_NOT_FOUND, ERROR_MORE_DATA, ERROR_UNSUPPORTED_TYPE, GENERIC_READ, GENERIC_WRITE,
    HANDLE, INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING};
use windows_sys::Win32::System::Console::{
    AttachConsole, GetStdHandle, SetStdHandle, ATTACH_PARENT_PROCESS, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
};
use windows_sys::Win32::System::Registry::{RegGetValueW, HKEY_LOCAL_MACHINE, REG_DWORD, RRF_RT_REG_DWORD, RRF_RT_REG_SZ};
use windows_sys::Win32::System::Threading::CreateMutexW;

/// Where the MSI writes `ALLOWED_ORIGINS` and `PORT` (under HKEY_LOCAL_MACHINE).
pub const SETTINGS_KEY: &str = r"SOFTWARE\Veiviser\Helper";

fn wide(text: &str) -> Vec<u16> {
    std::ffi::OsStr::new(text).encode_wide().chain(Some(0)).collect()
}

/// Prints to the console the helper was started from, if any (`cmd`, PowerShell):
/// a program without a console of its own has no standard output until it
/// attaches to its parent's. Output redirected to a file is left as it is.
pub fn attach_console() {
    // SAFETY: plain Win32 calls with valid arguments; handles are checked before use.
    unsafe {
        let has = |which| {
            let handle: HANDLE = GetStdHandle(which);
            !handle.is_null() && handle != INVALID_HANDLE_VALUE
        };
        if has(STD_OUTPUT_HANDLE) && has(STD_ERROR_HANDLE) {
            return;
        }
        if AttachConsole(ATTACH_PARENT_PROCESS) == 0 {
            return;
        }
        let name = wide("CONOUT$");
        let console = CreateFileW(
            name.as_ptr(),
            GENERIC_READ | GENERIC_WRITE,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            std::ptr::null(),
            OPEN_EXISTING,
            0,
            std::ptr::null_mut(),
        );
        if console == INVALID_HANDLE_VALUE {
            return;
        }
        for which in [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE] {
            if !has(which) {
                SetStdHandle(which, console);
            }
        }
    }
}

/// Held while this helper runs: a second helper in the same user session finds it.
pub struct SingleInstance(HANDLE);

// SAFETY: the mutex handle is only closed on drop, by its one owner.
unsafe impl Send for SingleInstance {}

impl SingleInstance {
    /// Takes the session's helper mutex; `Err` when another helper holds it.
    pub fn take() -> Result<SingleInstance, String> {
        // "Local\": one per user session (Terminal Server, Citrix: each session its own).
        let name = wide(r"Local\Veiviser.Helper");
        // SAFETY: a named mutex with default security; the handle is kept until drop.
        let (handle, error) = unsafe { (CreateMutexW(std::ptr::null(), 1, name.as_ptr()), GetLastError()) };
        if handle.is_null() {
            return Err(format!("cannot create the helper's mutex (Windows error {error})"));
        }
        if error == ERROR_ALREADY_EXISTS {
            // SAFETY: the handle was just opened here.
            unsafe { windows_sys::Win32::Foundation::CloseHandle(handle) };
            return Err("veiviser-helper is already running in this session; this one exits".into());
        }
        Ok(SingleInstance(handle))
    }
}

impl Drop for SingleInstance {
    fn drop(&mut self) {
        // SAFETY: closing the handle this value owns.
        unsafe { windows_sys::Win32::Foundation::CloseHandle(self.0) };
    }
}

/// The value `name` under [`SETTINGS_KEY`] as text: `None` if it is not set, an
/// error if it is set but unreadable (a string too long, a type other than a string
/// or a number). A number (`REG_DWORD`, as Group Policy Preferences may write a
/// port) reads as its decimal digits.
pub fn setting(name: &str) -> Result<Option<String>, String> {
    let (key, value) = (wide(SETTINGS_KEY), wide(name));
    let mut buffer = vec![0u16; 4096];
    let mut bytes = (buffer.len() * 2) as u32;
    let mut kind = 0u32;
    // SAFETY: the buffer and its size in bytes are passed together; the flags make
    // the call fail, not overflow, for a value of another type or a longer one.
    let status = unsafe {
        RegGetValueW(
            HKEY_LOCAL_MACHINE,
            key.as_ptr(),
            value.as_ptr(),
            RRF_RT_REG_SZ | RRF_RT_REG_DWORD,
            &mut kind,
            buffer.as_mut_ptr().cast(),
            &mut bytes,
        )
    };
    let place = format!("HKLM\\{SETTINGS_KEY}\\{name}");
    match status {
        0 if kind == REG_DWORD => {
            let number = u32::from(buffer[0]) | (u32::from(buffer[1]) << 16);
            Ok(Some(number.to_string()))
        }
        0 => {
            let chars = (bytes as usize / 2).saturating_sub(1);
            Ok(Some(OsString::from_wide(&buffer[..chars]).to_string_lossy().into_owned()))
        }
        ERROR_FILE_NOT_FOUND => Ok(None),
        ERROR_MORE_DATA => Err(format!("{place} is longer than {} characters", buffer.len() - 1)),
        ERROR_UNSUPPORTED_TYPE => Err(format!("{place} must be a string (REG_SZ) or, for the port, a number (REG_DWORD)")),
        error => Err(format!("cannot read {place} (Windows error {error})")),
    }
}
