//! Requests in other tools' formats: the curl corpus read back, and round trips.

mod curl_corpus;
