//! Identity: password hashing now; sessions, CSRF and role guards as the accounts work lands.

pub mod password;
