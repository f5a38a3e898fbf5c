//! Cross-checks against pabutools (owned by the MES/Phragmén work).
