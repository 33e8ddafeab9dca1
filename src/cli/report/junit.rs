//! JUnit XML, as CI systems read it: a suite per collection, a test case per request (its
//! folder path the class name), each unmet expectation in the failure, the exchange and its
//! checklist in `system-out`. Written by `quick-junit`, which escapes what XML needs.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::Run;

pub(super) fn render(run: &Run<'_>) -> String {
    let mut report = Report::new("apibench");
    report.set_time(run.took);
    let mut suites: Vec<TestSuite> = Vec::new();
    for case in run.cases {
        let i = if let Some(i) = suites.iter().position(|s| s.name.as_str() == case.collection) {
            i
        } else {
            suites.push(TestSuite::new(case.collection.as_str()));
            suites.len() - 1
        };
        let suite = &mut suites[i];
        let status = if case.met {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(case.unmet.first().cloned().unwrap_or_default());
            status.set_type("expectation");
            status.set_description(case.unmet.join("\n"));
            status
        };
        let mut test = TestCase::new(case.path.as_str(), status);
        let class = match case.path.rsplit_once('/') {
            Some((folders, _)) => format!("{}.{}", case.collection, folders.replace('/', ".")),
            None => case.collection.clone(),
        };
        test.set_classname(class);
        test.set_time(case.duration);
        test.set_system_out(case.detail.as_str());
        suite.add_test_case(test);
    }
    report.add_test_suites(suites);
    without_root_skipped(report.to_string().unwrap_or_default())
}

/// The root `<testsuites>` without quick-junit's `skipped` count: Jenkins' junit-10.xsd (the
/// schema pytest checks its own reports against, and the strictest one CI tools agree on)
/// has no such attribute there, and a run never skips a request anyway. Each
/// `<testsuite>` keeps its own `skipped`, which the schema allows.
fn without_root_skipped(xml: String) -> String {
    let Some(start) = xml.find("<testsuites") else {
        return xml;
    };
    let end = xml[start..].find('>').map_or(xml.len(), |e| start + e);
    let Some(attr) = xml[start..end].find(" skipped=\"") else {
        return xml;
    };
    let from = start + attr;
    let Some(len) = xml[from + 10..end].find('"') else {
        return xml;
    };
    let mut out = xml;
    out.replace_range(from..=from + 10 + len, "");
    out
}

#[cfg(test)]
mod tests {
    use super::without_root_skipped;

    #[test]
    fn only_the_roots_skipped_count_is_dropped() {
        let xml = r#"<?xml version="1.0"?>
<testsuites name="apibench" tests="2" skipped="0" failures="1">
    <testsuite name="CI" tests="2" skipped="0" failures="1">"#;
        assert_eq!(
            without_root_skipped(xml.to_owned()),
            r#"<?xml version="1.0"?>
<testsuites name="apibench" tests="2" failures="1">
    <testsuite name="CI" tests="2" skipped="0" failures="1">"#
        );
    }
}
