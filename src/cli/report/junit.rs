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
    report.to_string().unwrap_or_default()
}
