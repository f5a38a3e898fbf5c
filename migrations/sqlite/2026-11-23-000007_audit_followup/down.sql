DROP TABLE project_progress;
DROP TABLE feedback_tokens;
DROP TABLE feedback;
DROP TABLE imported_projects;
