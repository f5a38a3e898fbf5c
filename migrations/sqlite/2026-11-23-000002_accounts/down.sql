DROP TABLE security_counters;
DROP TABLE audit_log;
DROP TABLE login_throttle;
