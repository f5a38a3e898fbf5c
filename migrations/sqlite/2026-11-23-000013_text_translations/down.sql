DROP TABLE text_translations;
