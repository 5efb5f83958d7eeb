package faasguard.lib.monitoring_test

import data.faasguard.lib.monitoring

_doc := {
	"Parameters": {"Metric": {"Type": "String"}, "Target": {"Type": "String"}},
	"Resources": {
		"Checkout": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "orders-checkout"}},
		"Refund": {"Type": "AWS::Lambda::Function", "Properties": {}},
		"Live": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "Refund"}}},
		"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"TracingConfiguration": {"Enabled": "TRUE"}}},
		"Logged": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"LoggingConfiguration": {"Level": "ERROR"}}},
		"ByRef": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
			"Namespace": "AWS/Lambda", "MetricName": "Errors",
			"Dimensions": [{"Name": "FunctionName", "Value": {"Ref": "Checkout"}}],
		}},
		"ByName": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
			"Namespace": "AWS/Lambda", "MetricName": "Throttles",
			"Dimensions": [{"Name": "FunctionName", "Value": "orders-checkout"}],
		}},
		"AllFunctions": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Namespace": "AWS/Lambda", "MetricName": "Errors"}},
		"Api": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
			"Namespace": "AWS/ApiGateway", "MetricName": "5XXError",
			"Dimensions": [{"Name": "FunctionName", "Value": {"Ref": "Checkout"}}],
		}},
		"ThroughAlias": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
			"Namespace": "AWS/Lambda", "MetricName": "Errors",
			"Dimensions": [{"Name": "FunctionName", "Value": {"Ref": "Live"}}],
		}},
		"Unsettled": {"Type": "AWS::CloudWatch::Alarm", "Properties": {
			"Namespace": "AWS/Lambda", "MetricName": {"Ref": "Metric"},
			"Dimensions": [{"Name": "FunctionName", "Value": {"Ref": "Target"}}],
		}},
		"Math": {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Metrics": [
			{"Id": "t", "MetricStat": {"Metric": {
				"Namespace": "AWS/Lambda", "MetricName": "Throttles",
				"Dimensions": [{"Name": "FunctionName", "Value": {"Ref": "Refund"}}],
			}}},
			{"Id": "e", "Expression": "t * 2"},
		]}},
		"Audit": {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": [_data_resource("AWS::S3::Object")]}},
		"Invocations": {"Type": "AWS::CloudTrail::Trail", "Properties": {"AdvancedEventSelectors": [{"FieldSelectors": [
			{"Field": "eventCategory", "Equals": ["Data"]},
			{"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]},
		]}]}},
		"Chosen": {"Type": "AWS::CloudTrail::Trail", "Properties": {"EventSelectors": [_data_resource({"Ref": "Target"})]}},
	},
}

_data_resource(type) := {"DataResources": [{"Type": type}]}

_row(r) := [r.resource, r.kind, r.setting, r.value, r.functions]

_rows contains _row(r) if some r in monitoring.template_views(_doc)

test_state_machines if {
	{r | some r in _rows; r[1] == "state_machine"} == {
		["Machine", "state_machine", "tracing", "true", []],
		["Machine", "state_machine", "log_level", "OFF", []],
		["Logged", "state_machine", "tracing", "false", []],
	}
}

test_alarms_name_their_functions if {
	{r | some r in _rows; r[1] == "alarm"} == {
		["ByRef", "alarm", "alarm_metric", "Errors", ["Checkout"]],
		["ByName", "alarm", "alarm_metric", "Throttles", ["Checkout"]],
		["Math", "alarm", "alarm_metric", "Throttles", ["Refund"]],
		# a metric and a function only deployment settles: any metric, any function
		["Unsettled", "alarm", "alarm_metric", "*", ["Checkout", "Refund"]],
	}
}

test_trails if {
	{r | some r in _rows; r[1] == "trail"} == {
		["Audit", "trail", "lambda_data_events", "false", []],
		["Invocations", "trail", "lambda_data_events", "true", []],
	}
}

test_sam_state_machine if {
	doc := {"Resources": {"Flow": {"Type": "AWS::Serverless::StateMachine", "Properties": {
		"Logging": {"Level": "ALL"},
		"Tracing": {"Enabled": true},
	}}}}
	{_row(r) | some r in monitoring.sam_views(doc)} == {["Flow", "state_machine", "tracing", "true", []]}
}

test_alarm_records_need_a_function if {
	monitoring.alarm_records("Alarm", "Errors", set()) == set()
	{_row(r) | some r in monitoring.alarm_records("Alarm", "Errors", {"b", "a"})} == {
		["Alarm", "alarm", "alarm_metric", "Errors", ["a", "b"]],
	}
}
