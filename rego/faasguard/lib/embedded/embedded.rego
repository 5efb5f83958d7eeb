# METADATA
# title: Embedded catalog, runtime data and setting defaults
# description: |
#   A copy of data.faasguard.catalog, data.faasguard.runtimes and data.faasguard.defaults as Rego, for
#   conftest, whose `-p` loads only .rego files. GENERATED from rego/faasguard/{catalog,runtimes,defaults}/
#   data.json (the generated data documents); do not edit. A test in
#   embedded_test.rego fails when this copy and the data documents differ.
package faasguard.lib.embedded

catalog := {
	"FG_01_01": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `RequestValidatorId` to an `AWS::ApiGateway::RequestValidator` with `ValidateRequestBody: true` and a `RequestModels` entry naming an `AWS::ApiGateway::Model` for methods that take a body, and `ValidateRequestParameters: true` when `RequestParameters` marks a parameter required. In an OpenAPI `Body`, use `x-amazon-apigateway-request-validators` / `x-amazon-apigateway-request-validator` and a request body schema.",
			"sam": "Give the `Api` event a `RequestModel` with `Model` (one of the API's `Models`), `ValidateBody: true` and, when a `RequestParameters` entry is `Required: true`, `ValidateParameters: true`. In a `DefinitionBody`, use `x-amazon-apigateway-request-validators` / `x-amazon-apigateway-request-validator` and a request body schema.",
			"serverless": "Add `request.schemas` (a JSON schema per content type, or the name of one in `provider.apiGateway.request.schemas`) to each `http` event with a body (POST, PUT, PATCH, ANY): the Framework then creates a model and a request validator that validates the body and the parameters.",
			"terraform": "Give the method an `aws_api_gateway_request_validator` (`request_validator_id`) with `validate_request_body = true` and a `request_models` entry naming an `aws_api_gateway_model` for methods that take a body, and `validate_request_parameters = true` when `request_parameters` marks a parameter required. In an OpenAPI `body`, declare `x-amazon-apigateway-request-validators` and select one with `x-amazon-apigateway-request-validator` (document or operation), with a request body schema.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_01_01.md",
		"id": "FG_01_01",
		"sas": [
			"SAS-1",
		],
		"severity": "MEDIUM",
		"title": "REST API methods leave their input unvalidated",
	},
	"FG_01_02": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Add an `AWS::WAFv2::WebACLAssociation` with `ResourceArn: !Sub \"arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Stage}\"` and `WebACLArn` a REGIONAL web ACL.",
			"sam": "Add an `AWS::WAFv2::WebACLAssociation` with `ResourceArn: !Sub \"arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${MyApi}/stages/${MyApi.Stage}\"` (the implicit API: `${ServerlessRestApi}` and stage `Prod`, or `${ServerlessRestApiProdStage}`) and `WebACLArn` a REGIONAL web ACL.",
			"serverless": "Use the serverless-associate-waf plugin (`custom.associateWaf.name` or `.arn` naming a REGIONAL web ACL), or add an `AWS::WAFv2::WebACLAssociation` to `resources.Resources` with `ResourceArn: !Sub \"arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${ApiGatewayRestApi}/stages/${self:provider.stage}\"`.",
			"terraform": "Add an `aws_wafv2_web_acl_association` with `resource_arn = aws_api_gateway_stage.<name>.arn` and `web_acl_arn` a REGIONAL web ACL (AWS managed rule groups such as AWSManagedRulesCommonRuleSet and AWSManagedRulesSQLiRuleSet, plus a rate-based rule).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_01_02.md",
		"id": "FG_01_02",
		"sas": [
			"SAS-1",
		],
		"severity": "MEDIUM",
		"title": "A public REST API stage has no WAF web ACL",
	},
	"FG_01_03": {
		"category": "APPLICATION_SECURITY",
		"fix": {
			"cloudformation": "Scope the source's `PolicyDocument` (named principals or a source condition; no `PublicReadWrite` `AccessControl`), or trigger the function from a private source; validate each event in the function.",
			"sam": "As for CloudFormation, for the bucket, topic, queue or stream of the function's `Events` (an `AWS::Serverless::Connector` writes a scoped policy).",
			"serverless": "Scope the policy of the bucket, topic or queue in `resources.Resources` that the function's `events` name, or use a private source; validate each event in the function.",
			"terraform": "Scope the source's policy (name the publishing principals or add an `aws:SourceArn` / `aws:SourceAccount` / `aws:PrincipalOrgID` condition, no `public-read-write` ACL), or trigger the function from a private source; validate each event in the function.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_01_03.md",
		"id": "FG_01_03",
		"sas": [
			"SAS-1",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "A function is triggered by a source anyone can write to",
	},
	"FG_01_04": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `SecurityPolicy: TLS_1_2` on `AWS::ApiGateway::DomainName` (and in `DomainNameConfigurations` of `AWS::ApiGatewayV2::DomainName`), and list only `https` in the `Body` `schemes`.",
			"sam": "Set `Domain.SecurityPolicy: TLS_1_2` on the `AWS::Serverless::Api` (or in `Globals.Api.Domain`), and list only `https` in the `DefinitionBody` `schemes`.",
			"serverless": "Set `securityPolicy: tls_1_2` in serverless-domain-manager's `custom.customDomain` (or leave it unset: the plugin's default is TLS 1.2).",
			"terraform": "Set `security_policy = \"TLS_1_2\"` (or an enhanced `SecurityPolicy_TLS13_\u2026` policy) on `aws_api_gateway_domain_name`, and list only `https` in the body's `schemes`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_01_04.md",
		"id": "FG_01_04",
		"sas": [
			"SAS-1",
		],
		"severity": "LOW",
		"title": "An API custom domain accepts TLS 1.0, or an OpenAPI definition lists plain http",
	},
	"FG_02_01": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `AuthorizationType` (and `AuthorizerId`) on every `AWS::ApiGateway::Method`; an absent AuthorizationType is NONE.",
			"sam": "Set `Auth.DefaultAuthorizer` on the API (or `Globals.Api.Auth`) and do not override it with `Auth: {Authorizer: NONE}` on events.",
			"serverless": "Add `authorizer:` (a Lambda authorizer, `aws_iam` or a Cognito user pool ARN) to every `http` event; `private: true` alone is not enough.",
			"terraform": "Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM` with an `authorizer_id` on every `aws_api_gateway_method` (OPTIONS may stay open for CORS).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_01.md",
		"id": "FG_02_01",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "A REST API method can be called without authentication",
	},
	"FG_02_02": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `AuthorizationType` and `AuthorizerId` on every `AWS::ApiGatewayV2::Route`.",
			"sam": "Set `Auth.DefaultAuthorizer` (or `EnableIamAuthorizer`) on the `AWS::Serverless::HttpApi` and do not override it with `Authorizer: NONE`.",
			"serverless": "Add `authorizer:` to every `httpApi` event (a JWT authorizer of `provider.httpApi.authorizers`, or `type: aws_iam`), and to the `$connect` websocket route.",
			"terraform": "Set `authorization_type` (`JWT`, `AWS_IAM` or `CUSTOM`) and `authorizer_id` on every `aws_apigatewayv2_route` (on `$connect` for WebSocket APIs).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_02.md",
		"id": "FG_02_02",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "An HTTP or WebSocket API route can be called without authentication",
	},
	"FG_02_03": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `AuthType: AWS_IAM` on `AWS::Lambda::Url`.",
			"sam": "Set `FunctionUrlConfig.AuthType: AWS_IAM`.",
			"serverless": "Use `url: {authorizer: aws_iam}` instead of `url: true`.",
			"terraform": "Set `authorization_type = \"AWS_IAM\"` on `aws_lambda_function_url`, or front the function with an API that authenticates callers.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_03.md",
		"id": "FG_02_03",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "Lambda function URL allows unauthenticated access",
	},
	"FG_02_04": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `Principal` to the calling service or account and add `SourceArn` or `SourceAccount`.",
			"sam": "Let SAM create the permissions from `Events` (they carry SourceArn), or constrain the `AWS::Lambda::Permission` with `SourceArn`.",
			"serverless": "In `resources.Resources`, give the `AWS::Lambda::Permission` a specific `Principal` and a `SourceArn`.",
			"terraform": "Set `principal` to the calling service (e.g. `s3.amazonaws.com`) or account, and `source_arn` / `source_account`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_04.md",
		"id": "FG_02_04",
		"sas": [
			"SAS-2",
			"SAS-9",
		],
		"severity": "HIGH",
		"title": "A function's resource policy lets anyone invoke it",
	},
	"FG_02_05": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `Policies.PasswordPolicy` (MinimumLength \u2265 12, all Require* true), `MfaConfiguration: ON`, explicit `WriteAttributes` without privilege-bearing attributes, no `ADMIN_NO_SRP_AUTH`, and `AllowUnauthenticatedIdentities: false`.",
			"sam": "As for CloudFormation: the Cognito resources of a SAM template are plain CloudFormation resources.",
			"serverless": "As for CloudFormation, in the `resources.Resources` that declare the pool and its clients.",
			"terraform": "Set `password_policy { minimum_length = 12 \u2026 }` with all character classes, `mfa_configuration = \"ON\"` (or OPTIONAL), leave privilege-bearing custom attributes out of `write_attributes`, drop `ADMIN_NO_SRP_AUTH`, and `allow_unauthenticated_identities = false`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_05.md",
		"id": "FG_02_05",
		"sas": [
			"SAS-2",
		],
		"severity": "MEDIUM",
		"title": "A Cognito user pool, client or identity pool is weakly configured",
	},
	"FG_02_06": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Reference the authorizer with `AuthorizerId` on the methods or routes, and set `JwtConfiguration.Issuer` and `Audience`.",
			"sam": "Use the authorizer as `Auth.DefaultAuthorizer` or in events' `Auth.Authorizer`, and set `JwtConfiguration.issuer` and `audience`.",
			"serverless": "Name the authorizer in the `httpApi` events' `authorizer.name`, and set `issuerUrl` and `audience` in `provider.httpApi.authorizers`.",
			"terraform": "Reference the authorizer from the methods or routes (`authorizer_id`), and set `jwt_configuration { issuer = \u2026 audience = [...] }`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_02_06.md",
		"id": "FG_02_06",
		"sas": [
			"SAS-2",
		],
		"severity": "MEDIUM",
		"title": "An authorizer is not attached, or a JWT authorizer accepts any token issuer or audience",
	},
	"FG_03_01": {
		"category": "GENERAL_SECURITY",
		"fix": {
			"cloudformation": "Set every flag of `PublicAccessBlockConfiguration` to true (or leave the block out), remove `AccessControl: PublicRead`/`PublicReadWrite`/`AuthenticatedRead` and `WebsiteConfiguration`, and give public `AWS::S3::BucketPolicy` statements a narrowing condition.",
			"sam": "As for CloudFormation: buckets of a SAM template are plain `AWS::S3::Bucket` resources.",
			"serverless": "As for CloudFormation, in the `resources.Resources` that declare the bucket and its policy.",
			"terraform": "Keep all four flags of `aws_s3_bucket_public_access_block` true, drop public canned ACLs (`public-read`, `public-read-write`, `authenticated-read`) and website hosting, and narrow public policy statements with `aws:SourceArn`/`aws:SourceAccount`/`aws:PrincipalOrgID`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_03_01.md",
		"id": "FG_03_01",
		"sas": [
			"SAS-3",
		],
		"severity": "HIGH",
		"title": "A bucket is public (public access block off, public ACL, website or public policy)",
	},
	"FG_03_02": {
		"category": "ENCRYPTION",
		"fix": {
			"cloudformation": "Set `KmsMasterKeyId` on `AWS::SNS::Topic` (on `AWS::SQS::Queue`, or leave `SqsManagedSseEnabled` true), `KmsKeyId` on `AWS::Logs::LogGroup`, `Encrypted: true` on `AWS::EFS::FileSystem`.",
			"sam": "As for CloudFormation: these are plain CloudFormation resources in a SAM template.",
			"serverless": "Declare the topic in `resources.Resources` with `KmsMasterKeyId` and subscribe with `sns: {arn: !Ref Topic, topicName: \u2026}` instead of letting an `sns` event create it; set the KMS keys of `resources.Resources` stores as in CloudFormation.",
			"terraform": "Set `kms_master_key_id` on `aws_sns_topic` (and on `aws_sqs_queue`, or keep `sqs_managed_sse_enabled` true), `kms_key_id` on `aws_cloudwatch_log_group`, `encrypted = true` on `aws_efs_file_system`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_03_02.md",
		"id": "FG_03_02",
		"sas": [
			"SAS-3",
		],
		"severity": "MEDIUM",
		"title": "A queue, topic, log group or file system is not encrypted at rest with a KMS key",
	},
	"FG_03_03": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `AllowOrigins` / `AllowedOrigins` and the `Access-Control-Allow-Origin` response parameter (`\"'https://app.example.com'\"`) to the sites that use the API, URL or bucket; never `*` with `AllowCredentials: true`.",
			"sam": "Set `Cors.AllowOrigin` (a quoted literal, `\"'https://app.example.com'\"`), `CorsConfiguration.AllowOrigins` or `FunctionUrlConfig.Cors.AllowOrigins` to the sites that use the API (also in `Globals`); never `*` with credentials.",
			"serverless": "Give `cors` an `origin` / `origins` (http events) or `allowedOrigins` (`provider.httpApi.cors`, `url.cors`) naming the sites that use the API instead of `cors: true`; never `*` with `allowCredentials: true`.",
			"terraform": "Set `allow_origins` / `allowed_origins` and the `Access-Control-Allow-Origin` header (`\"'https://app.example.com'\"`) to the sites that use the API, URL or bucket; never `*` with `allow_credentials = true`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_03_03.md",
		"id": "FG_03_03",
		"sas": [
			"SAS-3",
			"SAS-2",
		],
		"severity": "MEDIUM",
		"title": "Wildcard CORS origin on an authenticated API or function URL, with credentials, or on S3 writes",
	},
	"FG_03_04": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "Set `DisableExecuteApiEndpoint: true` on the `AWS::ApiGateway::RestApi` / `AWS::ApiGatewayV2::Api` the mapping names.",
			"sam": "Set `DisableExecuteApiEndpoint: true` on the `AWS::Serverless::Api` / `HttpApi` that has a `Domain`. SAM Globals do not accept this property: set it on each API.",
			"serverless": "Set `provider.apiGateway.disableDefaultEndpoint: true` (REST) or `provider.httpApi.disableDefaultEndpoint: true` (HTTP API).",
			"terraform": "Set `disable_execute_api_endpoint = true` on the `aws_api_gateway_rest_api` / `aws_apigatewayv2_api` the domain maps.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_03_04.md",
		"id": "FG_03_04",
		"sas": [
			"SAS-3",
		],
		"severity": "LOW",
		"title": "The default execute-api endpoint stays enabled beside a custom domain",
	},
	"FG_03_05": {
		"category": "NETWORKING",
		"fix": {
			"cloudformation": "Give the group a `SecurityGroupEgress` listing only the ports and destinations the function needs (an omitted `SecurityGroupEgress` keeps AWS's allow-all rule), and no `-1` rule to `0.0.0.0/0` or `::/0`.",
			"sam": "As for CloudFormation, on the groups the functions' `VpcConfig` (or `Globals.Function.VpcConfig`) names.",
			"serverless": "In `resources.Resources`, give the groups `provider.vpc` / `functions.<f>.vpc` name a `SecurityGroupEgress` with only the ports and destinations the functions need.",
			"terraform": "Replace the `-1` / `0.0.0.0/0` egress with rules for the ports and destinations the function needs (HTTPS to VPC endpoints or a prefix list, the database's security group or CIDR).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_03_05.md",
		"id": "FG_03_05",
		"sas": [
			"SAS-3",
		],
		"severity": "MEDIUM",
		"title": "A security group a function uses allows all outbound traffic to anywhere",
	},
	"FG_03_06": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Keep the bucket `Code.S3Bucket` names private (every `PublicAccessBlockConfiguration` flag true or the block left out, no public `AccessControl`, no `WebsiteConfiguration`, no public `AWS::S3::BucketPolicy` statement); set `ImageTagMutability: IMMUTABLE` on the `AWS::ECR::Repository` (or give `Code.ImageUri` a digest).",
			"sam": "As for CloudFormation, for the bucket of `CodeUri` (`{Bucket: \u2026}` or `s3://\u2026`, also from `Globals.Function`) and the repository of `ImageUri`.",
			"serverless": "Keep the bucket `provider.deploymentBucket.name` names private when `resources.Resources` declares it (as for CloudFormation; the bucket the Framework creates is private by S3's default); set `ImageTagMutability: IMMUTABLE` on the repository a function's `image` names.",
			"terraform": "Keep the code bucket private by FG_03_01's criteria (all four `aws_s3_bucket_public_access_block` flags true, no public canned ACL, no website hosting, no public policy statement); set `image_tag_mutability = \"IMMUTABLE\"` on the `aws_ecr_repository` (or deploy the image by digest). Versioning is not required.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_03_06.md",
		"id": "FG_03_06",
		"sas": [
			"SAS-3",
			"SAS-6",
		],
		"severity": "LOW",
		"title": "A function is deployed from a public bucket, or by tag from a mutable-tag ECR repository",
	},
	"FG_04_01": {
		"category": "IAM",
		"fix": {
			"cloudformation": "List the exact actions in the role's policy documents; do not attach AdministratorAccess or PowerUserAccess.",
			"sam": "Use SAM policy templates (e.g. `DynamoDBReadPolicy`) or statements with exact actions in `Policies`.",
			"serverless": "List exact actions in `provider.iam.role.statements`, or give each function its own least-privilege role.",
			"terraform": "Replace `Action = \"*\"` / `not_actions` with the exact actions the function calls, on the resources it needs.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_01.md",
		"id": "FG_04_01",
		"sas": [
			"SAS-4",
			"SAS-1",
		],
		"severity": "HIGH",
		"title": "A function's execution role allows every action",
	},
	"FG_04_02": {
		"category": "IAM",
		"fix": {
			"cloudformation": "List the exact actions (e.g. `dynamodb:GetItem`, `dynamodb:PutItem`) in the role's policy documents.",
			"sam": "Use a SAM policy template scoped to the resource (e.g. `DynamoDBCrudPolicy: {TableName: !Ref Table}`) instead of `dynamodb:*`.",
			"serverless": "List the exact actions in `provider.iam.role.statements` (or the function's `iam.role.statements`).",
			"terraform": "Replace `\"s3:*\"` with the operations the function calls (e.g. `s3:GetObject`, `s3:PutObject`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_02.md",
		"id": "FG_04_02",
		"sas": [
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role allows every action of a service",
	},
	"FG_04_03": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `Resource` to `!GetAtt Table.Arn` (or the exact ARNs) instead of `*`.",
			"sam": "Pass the resource to the policy template (`DynamoDBCrudPolicy: {TableName: !Ref Table}`), never `'*'`.",
			"serverless": "Set `Resource` of each statement to the ARNs the function uses (e.g. `!GetAtt OrdersTable.Arn`).",
			"terraform": "Set `resources` / `Resource` to the ARNs of the tables, buckets or queues the function uses (e.g. `aws_dynamodb_table.orders.arn`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_03.md",
		"id": "FG_04_03",
		"sas": [
			"SAS-4",
			"SAS-3",
		],
		"severity": "HIGH",
		"title": "A function's execution role allows data access on every resource",
	},
	"FG_04_04": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Remove the managed policy ARN from `ManagedPolicyArns` and add a scoped policy to the role.",
			"sam": "Replace the managed policy name in `Policies` with a SAM policy template scoped to the resource.",
			"serverless": "Remove the policy from `managedPolicies` and list scoped statements in `iam.role.statements`.",
			"terraform": "Detach the managed policy; attach a customer policy (or `aws_iam_role_policy`) with the actions and resources the function needs.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_04.md",
		"id": "FG_04_04",
		"sas": [
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role has a broad AWS managed policy",
	},
	"FG_04_05": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Create one `AWS::IAM::Role` per function.",
			"sam": "Leave `Role` unset and give each function its own `Policies` (SAM creates one role per function).",
			"serverless": "Set `provider.iam.role.mode: perFunction` (Framework v4) or use per-function `iam.role.statements` (serverless-iam-roles-per-function).",
			"terraform": "Give each `aws_lambda_function` its own `aws_iam_role` with only that function's policies.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_05.md",
		"id": "FG_04_05",
		"sas": [
			"SAS-4",
		],
		"severity": "MEDIUM",
		"title": "Several functions share one execution role",
	},
	"FG_04_06": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Remove `iam:*Policy*`, `iam:CreateAccessKey` and similar actions; give `iam:PassRole` a specific role ARN.",
			"sam": "Remove permission-management actions from `Policies`; scope `iam:PassRole` to the exact role ARN.",
			"serverless": "Remove permission-management actions from the role statements; scope `iam:PassRole` to the exact role ARN.",
			"terraform": "Remove IAM permission-management actions from the function's policies; scope `iam:PassRole` / `sts:AssumeRole` to the exact role ARNs.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_06.md",
		"id": "FG_04_06",
		"sas": [
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role can escalate privileges",
	},
	"FG_04_07": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `PermissionsBoundary` on the `AWS::IAM::Role`.",
			"sam": "Set `PermissionsBoundary` on the function (or in `Globals.Function`).",
			"serverless": "Set `provider.iam.role.permissionsBoundary` (and `iam.role.permissionsBoundary` on per-function roles).",
			"terraform": "Set `permissions_boundary` on the `aws_iam_role` to your organization's boundary policy ARN.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_04_07.md",
		"id": "FG_04_07",
		"sas": [
			"SAS-4",
		],
		"severity": "INFO",
		"title": "A function's execution role has no permissions boundary",
	},
	"FG_05_01": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Set `TracingConfig: {Mode: Active}` on the function.",
			"sam": "Set `Tracing: Active` on the function or in `Globals.Function`.",
			"serverless": "Set `provider.tracing.lambda: true` (or `tracing: Active` on the function).",
			"terraform": "Add `tracing_config { mode = \"Active\" }` to the function.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_01.md",
		"id": "FG_05_01",
		"sas": [
			"SAS-5",
		],
		"severity": "MEDIUM",
		"title": "Lambda function has no active X-Ray tracing",
	},
	"FG_05_02": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Declare an `AWS::Logs::LogGroup` with `LogGroupName: !Sub /aws/lambda/${Function}` (or name it in the function's `LoggingConfig.LogGroup`) and `RetentionInDays` set.",
			"sam": "SAM creates no log group: declare an `AWS::Logs::LogGroup` with `LogGroupName: !Sub /aws/lambda/${Function}` (or name it in `LoggingConfig.LogGroup`, also in `Globals.Function`) and `RetentionInDays` set.",
			"serverless": "Set `provider.logRetentionInDays` (or `logRetentionInDays` on the function) and remove `disableLogs: true`.",
			"terraform": "Declare `aws_cloudwatch_log_group` named `/aws/lambda/${aws_lambda_function.<f>.function_name}` (or name it in the function's `logging_config { log_group = \u2026 }`) with `retention_in_days` set.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_02.md",
		"id": "FG_05_02",
		"sas": [
			"SAS-5",
		],
		"severity": "MEDIUM",
		"title": "A function has no log group with a finite retention, or its logs are disabled",
	},
	"FG_05_03": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Set `AccessLogSetting.DestinationArn` on every `AWS::ApiGateway::Stage` (or the Deployment's `StageDescription`), and `AccessLogSettings.DestinationArn` on every `AWS::ApiGatewayV2::Stage`, with a JSON `Format`.",
			"sam": "Set `AccessLogSetting` (`Api`) / `AccessLogSettings` (`HttpApi`) with a `DestinationArn` and a JSON `Format`, in `Globals.Api` / `Globals.HttpApi` to cover the implicit APIs events create.",
			"serverless": "Set `provider.logs.restApi: true` (or a map without `accessLogging: false`), `provider.logs.httpApi: true` and `provider.logs.websocket: true` for the APIs the service has.",
			"terraform": "Add an `access_log_settings` block with `destination_arn` (a CloudWatch log group or Firehose stream ARN) and a JSON `format` to every `aws_api_gateway_stage` and `aws_apigatewayv2_stage`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_03.md",
		"id": "FG_05_03",
		"sas": [
			"SAS-5",
		],
		"severity": "MEDIUM",
		"title": "API stage without access logging",
	},
	"FG_05_04": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Add a `MethodSettings` entry with `HttpMethod: \"*\"`, `ResourcePath: \"/*\"`, `LoggingLevel: ERROR` (or `INFO`) and `MetricsEnabled: true`, and set `TracingEnabled: true` on the stage (a Deployment: in its `StageDescription`).",
			"sam": "Set `TracingEnabled: true` and a `MethodSettings` entry with `HttpMethod: \"*\"`, `ResourcePath: \"/*\"`, `LoggingLevel: ERROR` (or `INFO`) and `MetricsEnabled: true` on the `AWS::Serverless::Api`, in `Globals.Api` to cover the implicit API.",
			"serverless": "Set `provider.logs.restApi: true` (execution logs at INFO), `provider.apiGateway.metrics: true` and `provider.tracing.apiGateway: true`.",
			"terraform": "Add an `aws_api_gateway_method_settings` with `method_path = \"*/*\"` for the stage, `settings { logging_level = \"ERROR\" (or \"INFO\"), metrics_enabled = true }`, and set `xray_tracing_enabled = true` on the `aws_api_gateway_stage`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_04.md",
		"id": "FG_05_04",
		"sas": [
			"SAS-5",
		],
		"severity": "LOW",
		"title": "REST API stage without execution logging, detailed metrics or tracing",
	},
	"FG_05_05": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Set `LoggingConfiguration: {Level: ERROR, Destinations: [...]}` and `TracingConfiguration: {Enabled: true}`.",
			"sam": "Set `Logging: {Level: ERROR, Destinations: [...]}` and `Tracing: {Enabled: true}` on the `AWS::Serverless::StateMachine`.",
			"serverless": "Set `loggingConfig: {level: ERROR, destinations: [...]}` and `tracingConfig: {enabled: true}` on each `stepFunctions.stateMachines.<m>` (serverless-step-functions).",
			"terraform": "Add `logging_configuration { level = \"ERROR\" log_destination = \"${aws_cloudwatch_log_group.sfn.arn}:*\" }` and `tracing_configuration { enabled = true }` to the state machine.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_05.md",
		"id": "FG_05_05",
		"sas": [
			"SAS-5",
		],
		"severity": "LOW",
		"title": "Step Functions state machine does not log errors or is not traced",
	},
	"FG_05_06": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Add `AWS::CloudWatch::Alarm` resources with `Namespace: AWS/Lambda`, `MetricName: Errors` / `Throttles` and `Dimensions: [{Name: FunctionName, Value: !Ref <Function>}]`.",
			"sam": "Add `AWS::CloudWatch::Alarm` resources with `Namespace: AWS/Lambda`, `MetricName: Errors` / `Throttles` and `Dimensions: [{Name: FunctionName, Value: !Ref <Function>}]`.",
			"serverless": "With serverless-plugin-aws-alerts, set `custom.alerts.alarms: [functionErrors, functionThrottles]` (or per function `alarms:`); or add the alarms to `resources.Resources` with `Value: !Ref <Name>LambdaFunction`.",
			"terraform": "Add `aws_cloudwatch_metric_alarm` resources with `namespace = \"AWS/Lambda\"`, `metric_name = \"Errors\"` (and one for `\"Throttles\"`) and `dimensions = { FunctionName = aws_lambda_function.<f>.function_name }`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_06.md",
		"id": "FG_05_06",
		"sas": [
			"SAS-5",
		],
		"severity": "INFO",
		"title": "Lambda function has no CloudWatch alarm on its errors or throttles",
	},
	"FG_05_07": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Add `EventSelectors: [{DataResources: [{Type: AWS::Lambda::Function, Values: [arn:aws:lambda]}]}]` or an `AdvancedEventSelectors` entry with `{Field: resources.type, Equals: [AWS::Lambda::Function]}`.",
			"sam": "Add `EventSelectors: [{DataResources: [{Type: AWS::Lambda::Function, Values: [arn:aws:lambda]}]}]` to the trail.",
			"serverless": "In `resources.Resources`, add the Lambda data resource to the trail's `EventSelectors` (or `AdvancedEventSelectors`).",
			"terraform": "Add `event_selector { data_resource { type = \"AWS::Lambda::Function\" values = [\"arn:aws:lambda\"] } }` (or an `advanced_event_selector` with `field_selector { field = \"resources.type\" equals = [\"AWS::Lambda::Function\"] }`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_05_07.md",
		"id": "FG_05_07",
		"sas": [
			"SAS-5",
		],
		"severity": "INFO",
		"title": "CloudTrail trail does not log Lambda data events",
	},
	"FG_06_01": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Set `Runtime` to a supported version.",
			"sam": "Set `Runtime` (on the function or in `Globals.Function`) to a supported version.",
			"serverless": "Set `provider.runtime` (and any `functions.<f>.runtime`) to a supported version.",
			"terraform": "Set `runtime` to a supported version (e.g. `python3.13`, `nodejs22.x`) and redeploy.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_01.md",
		"id": "FG_06_01",
		"sas": [
			"SAS-6",
			"SAS-11",
		],
		"severity": "HIGH",
		"title": "Lambda function uses a deprecated runtime",
	},
	"FG_06_02": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Declare an `AWS::Lambda::CodeSigningConfig` with `CodeSigningPolicies: {UntrustedArtifactOnDeployment: Enforce}` and set the function's `CodeSigningConfigArn` to it (`!GetAtt Config.CodeSigningConfigArn`).",
			"sam": "Set `CodeSigningConfigArn` on each `AWS::Serverless::Function` (Globals do not accept it) to an `AWS::Lambda::CodeSigningConfig` whose `CodeSigningPolicies.UntrustedArtifactOnDeployment` is `Enforce`.",
			"serverless": "The Framework has no key for it: add `resources.extensions.<Function>LambdaFunction.Properties.CodeSigningConfigArn` for each function, naming an `AWS::Lambda::CodeSigningConfig` of `resources.Resources` with `UntrustedArtifactOnDeployment: Enforce`.",
			"terraform": "Create an `aws_lambda_code_signing_config` with `policies { untrusted_artifact_on_deployment = \"Enforce\" }` and the signing profiles allowed to publish, and set the function's `code_signing_config_arn` to it.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_02.md",
		"id": "FG_06_02",
		"sas": [
			"SAS-6",
		],
		"severity": "MEDIUM",
		"title": "Code signing is not enforced for a function",
	},
	"FG_06_03": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "List in `Layers` only layers of the template (`!Ref Layer`), of `${AWS::AccountId}`, or of vetted accounts (the `layer_accounts` setting); give `AWS::Lambda::LayerVersionPermission` an `OrganizationId` or a specific account as `Principal`.",
			"sam": "As for CloudFormation, in each function's `Layers` and `Globals.Function.Layers` (`!Ref` an `AWS::Serverless::LayerVersion`).",
			"serverless": "List in `provider.layers` / `functions.<f>.layers` only the service's own layers (`!Ref <Layer>LambdaLayer`), layers of `${aws:accountId}`, or of vetted accounts (the `layer_accounts` setting).",
			"terraform": "Publish the layer in your own account (`aws_lambda_layer_version`) and reference it, or add its publishing account to the `layer_accounts` setting once vetted; give `aws_lambda_layer_version_permission` an `organization_id` (or a specific account as `principal`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_03.md",
		"id": "FG_06_03",
		"sas": [
			"SAS-6",
		],
		"severity": "MEDIUM",
		"title": "A function uses a layer of an account that is not allowed, or a layer is shared with every account",
	},
	"FG_06_04": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Give `Code.ImageUri` a digest (`\u2026@sha256:\u2026`); set `ImageScanningConfiguration: {ScanOnPush: true}` on each `AWS::ECR::Repository`, or declare an `AWS::ECR::RegistryScanningConfiguration` whose rule scans all repositories.",
			"sam": "As for CloudFormation, with `ImageUri` (also from `Globals.Function`).",
			"serverless": "Let the Framework build the image (`image.name` with `provider.ecr.images`: it deploys by digest) or give `image` / `image.uri` a digest; set `ImageScanningConfiguration: {ScanOnPush: true}` on repositories of `resources.Resources`.",
			"terraform": "Deploy the image by digest (`image_uri = \"${aws_ecr_repository.app.repository_url}@${data.aws_ecr_image.app.image_digest}\"` or a literal `\u2026@sha256:\u2026`); set `image_scanning_configuration { scan_on_push = true }` on each `aws_ecr_repository`, or declare an `aws_ecr_registry_scanning_configuration` with a rule scanning all repositories (`filter = \"*\"`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_04.md",
		"id": "FG_06_04",
		"sas": [
			"SAS-6",
		],
		"severity": "LOW",
		"title": "A container-image function is not pinned by digest, or an ECR repository does not scan on push",
	},
	"FG_06_05": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Remove `RuntimeManagementConfig` or set `UpdateRuntimeOn: Auto` (or `FunctionUpdate`).",
			"sam": "Remove `RuntimeManagementConfig` (of the function or `Globals.Function`) or set `UpdateRuntimeOn: Auto` (or `FunctionUpdate`).",
			"serverless": "Remove `runtimeManagement` (provider or function) or set it to `auto` (or `onFunctionUpdate`).",
			"terraform": "Remove the `aws_lambda_runtime_management_config` or set `update_runtime_on = \"Auto\"` (or `\"FunctionUpdate\"`); pin a version only for a documented rollback, and remove the pin soon after.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_05.md",
		"id": "FG_06_05",
		"sas": [
			"SAS-6",
		],
		"severity": "LOW",
		"title": "A function's runtime patching is frozen (runtime updates set to Manual)",
	},
	"FG_06_06": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Commit the lock file of the `Code` folder (`package-lock.json`, `poetry.lock`, `uv.lock`, `go.sum`, `Gemfile.lock`), or pin exact versions in its manifest.",
			"sam": "Commit the lock file of the `CodeUri` folder (`package-lock.json`, `poetry.lock`, `uv.lock`, `go.sum`, `Gemfile.lock`), or pin exact versions (`requests==2.32.3`) in its `requirements.txt`.",
			"serverless": "Commit the lock file beside the service's (or the function folder's) `package.json` / `pyproject.toml`, or pin exact versions in `requirements.txt`.",
			"terraform": "Commit the lock file of the folder the `archive_file` packs (`package-lock.json`, `poetry.lock`, `uv.lock`, `go.sum`, `Gemfile.lock`), or pin exact versions (`requests==2.32.3`, a Maven version, not a range).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_06.md",
		"id": "FG_06_06",
		"sas": [
			"SAS-6",
		],
		"severity": "LOW",
		"title": "A dependency manifest of the code a function deploys is not locked or pinned",
	},
	"FG_06_07": {
		"category": "SUPPLY_CHAIN",
		"fix": {
			"cloudformation": "Plan the upgrade of `Runtime` to a supported version before the deprecation date.",
			"sam": "Plan the upgrade of `Runtime` (on the function or in `Globals.Function`) before the deprecation date.",
			"serverless": "Plan the upgrade of `provider.runtime` (and any `functions.<f>.runtime`) before the deprecation date.",
			"terraform": "Plan the upgrade of `runtime` to a supported version (e.g. `python3.13`, `nodejs22.x`) before the deprecation date.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_06_07.md",
		"id": "FG_06_07",
		"sas": [
			"SAS-6",
			"SAS-11",
		],
		"severity": "LOW",
		"title": "Lambda function uses a runtime deprecated within the warning window",
	},
	"FG_07_01": {
		"category": "SECRETS",
		"fix": {
			"cloudformation": "Pass the secret's ARN and read it at run time; never put the value in `Environment.Variables`.",
			"sam": "Pass the secret's ARN (e.g. `!Ref MySecret`) and read it at run time with the AWS SDK or the Parameters and Secrets extension.",
			"serverless": "Pass the SSM parameter or secret name and read it at run time; avoid literal values in `environment`.",
			"terraform": "Store the secret in Secrets Manager or SSM SecureString and pass its ARN/name; read it at run time.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_01.md",
		"id": "FG_07_01",
		"sas": [
			"SAS-7",
		],
		"severity": "HIGH",
		"title": "Plaintext secret in Lambda environment variables",
	},
	"FG_07_02": {
		"category": "SECRETS",
		"fix": {
			"cloudformation": "Pass the secret's ARN or name instead of a `{{resolve:secretsmanager:\u2026}}` reference and read it at run time.",
			"sam": "Pass the secret's ARN (e.g. `!Ref MySecret`) instead of `{{resolve:secretsmanager:\u2026}}` and read it at run time with the AWS SDK or the Parameters and Secrets extension.",
			"serverless": "Pass the parameter or secret name instead of `${ssm:\u2026}` and read it at run time (the Framework writes the resolved value into the template).",
			"terraform": "Pass the secret's ARN (`aws_secretsmanager_secret.x.arn`) or the parameter name, not `data.\u2026secret_string` / `data.aws_ssm_parameter.\u2026.value`, and read it at run time.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_02.md",
		"id": "FG_07_02",
		"sas": [
			"SAS-7",
		],
		"severity": "MEDIUM",
		"title": "Secret resolved at deployment into a Lambda environment variable",
	},
	"FG_07_03": {
		"category": "ENCRYPTION",
		"fix": {
			"cloudformation": "Set `KmsKeyArn` to a customer-managed key (e.g. `!GetAtt EnvKey.Arn`) on every function with `Environment.Variables`.",
			"sam": "Set `KmsKeyArn` on the function or once in `Globals.Function`.",
			"serverless": "Set `provider.kmsKeyArn` (or `kmsKeyArn` on the function) to a customer-managed key ARN.",
			"terraform": "Set `kms_key_arn` to a customer-managed `aws_kms_key` on every function with `environment` variables.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_03.md",
		"id": "FG_07_03",
		"sas": [
			"SAS-7",
		],
		"severity": "MEDIUM",
		"title": "Lambda environment variables are not encrypted with a customer-managed KMS key",
	},
	"FG_07_04": {
		"category": "SECRETS",
		"fix": {
			"cloudformation": "Set `KmsKeyId` on `AWS::SecretsManager::Secret` and add an `AWS::SecretsManager::RotationSchedule` for it; CloudFormation cannot create a SecureString, so keep secrets out of `AWS::SSM::Parameter` (use a secret, or create the SecureString outside the stack and reference it).",
			"sam": "Set `KmsKeyId` on `AWS::SecretsManager::Secret` and add an `AWS::SecretsManager::RotationSchedule` for it; keep secrets out of `AWS::SSM::Parameter` (CloudFormation cannot create a SecureString).",
			"serverless": "In `resources.Resources`, set `KmsKeyId` on each `AWS::SecretsManager::Secret` with an `AWS::SecretsManager::RotationSchedule` for it, and keep secrets out of `AWS::SSM::Parameter`.",
			"terraform": "Set `kms_key_id` to a customer-managed `aws_kms_key` on `aws_secretsmanager_secret`, add an `aws_secretsmanager_secret_rotation` for it, and use `type = \"SecureString\"` for secret SSM parameters.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_04.md",
		"id": "FG_07_04",
		"sas": [
			"SAS-7",
		],
		"severity": "MEDIUM",
		"title": "Secrets Manager secret or secret SSM parameter stored without CMK, rotation or SecureString",
	},
	"FG_07_05": {
		"category": "LOGGING",
		"fix": {
			"cloudformation": "Set `DataTraceEnabled: false` in the stage's `MethodSettings` / `DefaultRouteSettings`, and `IncludeExecutionData: false` in `LoggingConfiguration`.",
			"sam": "Set `DataTraceEnabled: false` in `MethodSettings` (also in `Globals.Api`), and `IncludeExecutionData: false` in the state machine's `Logging`.",
			"serverless": "Set `fullExecutionData: false` under `provider.logs.restApi` / `provider.logs.websocket` (it defaults to true once logging is on).",
			"terraform": "Set `data_trace_enabled = false` in `aws_api_gateway_method_settings.settings` / the stage's route settings, and `include_execution_data = false` in `aws_sfn_state_machine.logging_configuration`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_05.md",
		"id": "FG_07_05",
		"sas": [
			"SAS-7",
			"SAS-10",
		],
		"severity": "MEDIUM",
		"title": "Request or response payloads are written to logs",
	},
	"FG_07_06": {
		"category": "SECRETS",
		"fix": {
			"cloudformation": "Set `Resource` to the secret (`!Ref DbSecret`), the parameter path or the key ARN (`!GetAtt Key.Arn`) instead of `*`.",
			"sam": "Pass the resource to the policy template (`AWSSecretsManagerGetSecretValuePolicy: {SecretArn: !Ref DbSecret}`, `SSMParameterReadPolicy: {ParameterName: app/db}`, `KMSDecryptPolicy: {KeyId: !Ref Key}`), never `'*'`.",
			"serverless": "Set `Resource` of the statement to the secret, parameter or key ARNs the function reads (e.g. `arn:aws:ssm:${aws:region}:${aws:accountId}:parameter/${self:service}/*`).",
			"terraform": "Set `resources` of the statement to the ARNs of the secrets, parameters (`arn:aws:ssm:<region>:<account>:parameter/<app>/*`) and keys the function reads (e.g. `aws_secretsmanager_secret.db.arn`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_06.md",
		"id": "FG_07_06",
		"sas": [
			"SAS-7",
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role may read every secret, parameter or key",
	},
	"FG_07_07": {
		"category": "SECRETS",
		"fix": {
			"cloudformation": "Remove the `Default`, set `NoEcho: true`, or better pass a `{{resolve:secretsmanager:\u2026}}` reference or the secret's ARN instead of the value.",
			"sam": "Remove the parameter's `Default` and set `NoEcho: true`; better, pass the secret's ARN and read it at run time (or `{{resolve:secretsmanager:\u2026}}` for resources that are not functions).",
			"serverless": "Do not write the secret in `custom` or `params`: keep it in SSM or Secrets Manager and pass its name, read at run time.",
			"terraform": "Remove the variable's `default`, mark it `sensitive = true` and pass the value at apply time (or read it from Secrets Manager with `manage_master_user_password` / a data source the function reads at run time).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_07_07.md",
		"id": "FG_07_07",
		"sas": [
			"SAS-7",
		],
		"severity": "LOW",
		"title": "Secret written as a template parameter, variable or custom value default",
	},
	"FG_09_01": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `SourceArn` to the calling resource's ARN (and `SourceAccount: !Ref AWS::AccountId` for `s3.amazonaws.com`).",
			"sam": "Declare the trigger under the function's `Events` (SAM adds the source to the permission), or set `SourceArn` (and `SourceAccount` for S3) on the `AWS::Lambda::Permission`.",
			"serverless": "Declare the trigger as a function event, or set `SourceArn` (and `SourceAccount` for S3) on the `AWS::Lambda::Permission` in `resources.Resources`.",
			"terraform": "Set `source_arn` to the ARN of the bucket, topic, rule or API that calls the function (and `source_account` for `s3.amazonaws.com`).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_09_01.md",
		"id": "FG_09_01",
		"sas": [
			"SAS-9",
			"SAS-2",
		],
		"severity": "HIGH",
		"title": "A service may invoke a function on behalf of any resource (confused deputy)",
	},
	"FG_09_02": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Name the publishing accounts or services in `Principal`, or add an `aws:SourceArn` / `aws:SourceAccount` / `aws:PrincipalOrgID` condition; never grant `*` write access.",
			"sam": "Use an `AWS::Serverless::Connector` (it writes a scoped policy), or name the principals / add a source condition in the policy.",
			"serverless": "In `resources.Resources`, name the publishing principals or add a source condition to the policy.",
			"terraform": "Name the publishing accounts or services in the policy's principal, or add an `aws:SourceArn` / `aws:SourceAccount` / `aws:PrincipalOrgID` condition; never grant `*` write access.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_09_02.md",
		"id": "FG_09_02",
		"sas": [
			"SAS-9",
			"SAS-1",
			"SAS-2",
		],
		"severity": "HIGH",
		"title": "A resource that can trigger functions is publicly writable",
	},
	"FG_09_03": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Set `Resource` of `lambda:InvokeFunction` to `!GetAtt Billing.Arn`; remove `AWSLambdaRole` from `ManagedPolicyArns`.",
			"sam": "Use `LambdaInvokePolicy: {FunctionName: !Ref BillingFunction}` (never `'*'`) and no `AWSLambdaRole` in `Policies`.",
			"serverless": "Set `Resource` of `lambda:InvokeFunction` to the ARNs of the functions called (`!GetAtt BillingLambdaFunction.Arn`); remove `AWSLambdaRole` from `managedPolicies`.",
			"terraform": "Set `resources` of the `lambda:InvokeFunction` statement to the ARNs of the functions it calls (`aws_lambda_function.billing.arn`); do not attach `service-role/AWSLambdaRole`.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_09_03.md",
		"id": "FG_09_03",
		"sas": [
			"SAS-9",
			"SAS-4",
		],
		"severity": "HIGH",
		"title": "A function's execution role may invoke every Lambda function",
	},
	"FG_09_04": {
		"category": "API_SECURITY",
		"fix": {
			"cloudformation": "In `Policy`, condition the `Allow` to `*` (or add a Deny with `StringNotEquals: {aws:SourceVpce: \u2026}`), or name the accounts in `Principal`.",
			"sam": "Use `Auth.ResourcePolicy` lists (`SourceVpcWhitelist`, `IpRangeWhitelist`, `AwsAccountWhitelist`) rather than an unconditioned `CustomStatements` Allow to `*`.",
			"serverless": "Add a `Condition` (e.g. `IpAddress: {aws:SourceIp: [...]}`) to the `provider.apiGateway.resourcePolicy` statement that allows `*`.",
			"terraform": "Give the Allow a condition on `aws:SourceVpce`, `aws:SourceIp` or `aws:PrincipalOrgID`, or add a public Deny with `StringNotEquals`/`NotIpAddress` on it.",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_09_04.md",
		"id": "FG_09_04",
		"sas": [
			"SAS-9",
			"SAS-3",
		],
		"severity": "MEDIUM",
		"title": "An API resource policy lets anyone invoke the API",
	},
	"FG_09_05": {
		"category": "IAM",
		"fix": {
			"cloudformation": "Remove `lambda:InvokeFunction` from the authenticated / unauthenticated roles and scope their data actions to the user's own resources instead of `*`.",
			"sam": "As for CloudFormation: the identity pool and its roles are plain CloudFormation resources of the template.",
			"serverless": "As for CloudFormation, in the `resources.Resources` that declare the identity pool's roles.",
			"terraform": "Remove `lambda:InvokeFunction` from the identity pool's roles (call the API instead) and scope data actions to the user's own items (`dynamodb:LeadingKeys` / `${cognito-identity.amazonaws.com:sub}` prefixes).",
		},
		"guideline": "https://github.com/faasguard/faasguard/blob/main/docs/rules/FG_09_05.md",
		"id": "FG_09_05",
		"sas": [
			"SAS-9",
			"SAS-2",
		],
		"severity": "MEDIUM",
		"title": "A Cognito identity pool's role lets client-side users invoke functions or reach data directly",
	},
}

runtimes := {
	"runtimes": {
		"dotnet10": {
			"block_create": "2028-12-14",
			"block_update": "2029-01-15",
			"deprecated": "2028-11-14",
		},
		"dotnet5.0": {
			"block_create": "2022-05-10",
			"block_update": "2022-05-10",
			"deprecated": "2022-05-10",
		},
		"dotnet6": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-12-20",
		},
		"dotnet8": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-11-10",
		},
		"dotnet9": {
			"deprecated": "2026-11-10",
		},
		"dotnetcore1.0": {
			"block_create": "2019-06-30",
			"block_update": "2019-07-30",
			"deprecated": "2019-06-27",
		},
		"dotnetcore2.0": {
			"block_create": "2019-04-30",
			"block_update": "2019-05-30",
			"deprecated": "2019-05-30",
		},
		"dotnetcore2.1": {
			"block_create": "2022-01-05",
			"block_update": "2022-04-13",
			"deprecated": "2022-01-05",
		},
		"dotnetcore3.1": {
			"block_create": "2023-04-03",
			"block_update": "2023-05-03",
			"deprecated": "2023-04-03",
		},
		"go1.x": {
			"block_create": "2024-02-08",
			"block_update": "2027-03-03",
			"deprecated": "2024-01-08",
		},
		"java11": {
			"block_create": "2027-07-31",
			"block_update": "2027-08-31",
			"deprecated": "2027-06-30",
		},
		"java17": {
			"block_create": "2027-07-31",
			"block_update": "2027-08-31",
			"deprecated": "2027-06-30",
		},
		"java21": {
			"block_create": "2029-07-31",
			"block_update": "2029-08-31",
			"deprecated": "2029-06-30",
		},
		"java25": {
			"block_create": "2029-07-31",
			"block_update": "2029-08-31",
			"deprecated": "2029-06-30",
		},
		"java8": {
			"block_create": "2024-02-08",
			"block_update": "2027-03-03",
			"deprecated": "2024-01-08",
		},
		"java8.al2": {
			"block_create": "2027-07-31",
			"block_update": "2027-08-31",
			"deprecated": "2027-06-30",
		},
		"nodejs": {
			"block_create": "2016-09-30",
			"block_update": "2016-10-31",
			"deprecated": "2016-08-30",
		},
		"nodejs10.x": {
			"block_create": "2021-07-30",
			"block_update": "2022-02-14",
			"deprecated": "2021-07-30",
		},
		"nodejs12.x": {
			"block_create": "2023-03-31",
			"block_update": "2023-04-30",
			"deprecated": "2023-03-31",
		},
		"nodejs14.x": {
			"block_create": "2024-01-09",
			"block_update": "2027-03-03",
			"deprecated": "2023-12-04",
		},
		"nodejs16.x": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-06-12",
		},
		"nodejs18.x": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2025-09-01",
		},
		"nodejs20.x": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-04-30",
		},
		"nodejs22.x": {
			"block_create": "2027-06-01",
			"block_update": "2027-07-01",
			"deprecated": "2027-04-30",
		},
		"nodejs24.x": {
			"block_create": "2028-06-01",
			"block_update": "2028-07-01",
			"deprecated": "2028-04-30",
		},
		"nodejs4.3": {
			"block_create": "2020-02-03",
			"block_update": "2020-03-05",
			"deprecated": "2020-03-05",
		},
		"nodejs4.3-edge": {
			"block_create": "2019-03-31",
			"block_update": "2019-04-30",
			"deprecated": "2020-03-05",
		},
		"nodejs6.10": {
			"block_create": "2019-07-12",
			"block_update": "2019-08-12",
			"deprecated": "2019-08-12",
		},
		"nodejs8.10": {
			"block_create": "2020-02-04",
			"block_update": "2020-03-06",
			"deprecated": "2020-03-06",
		},
		"provided": {
			"block_create": "2024-02-08",
			"block_update": "2027-03-03",
			"deprecated": "2024-01-08",
		},
		"provided.al2": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-07-31",
		},
		"provided.al2023": {
			"block_create": "2029-07-31",
			"block_update": "2029-08-31",
			"deprecated": "2029-06-30",
		},
		"python2.7": {
			"block_create": "2021-07-15",
			"block_update": "2022-05-30",
			"deprecated": "2021-07-15",
		},
		"python3.10": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-10-31",
		},
		"python3.11": {
			"block_create": "2027-07-31",
			"block_update": "2027-08-31",
			"deprecated": "2027-06-30",
		},
		"python3.12": {
			"block_create": "2028-11-30",
			"block_update": "2029-01-10",
			"deprecated": "2028-10-31",
		},
		"python3.13": {
			"block_create": "2029-07-31",
			"block_update": "2029-08-31",
			"deprecated": "2029-06-30",
		},
		"python3.14": {
			"block_create": "2029-07-31",
			"block_update": "2029-08-31",
			"deprecated": "2029-06-30",
		},
		"python3.6": {
			"block_create": "2022-07-18",
			"block_update": "2022-08-29",
			"deprecated": "2022-07-18",
		},
		"python3.7": {
			"block_create": "2024-01-09",
			"block_update": "2027-03-03",
			"deprecated": "2023-12-04",
		},
		"python3.8": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2024-10-14",
		},
		"python3.9": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2025-12-15",
		},
		"ruby2.5": {
			"block_create": "2021-07-30",
			"block_update": "2022-03-31",
			"deprecated": "2021-07-30",
		},
		"ruby2.7": {
			"block_create": "2024-01-09",
			"block_update": "2027-03-03",
			"deprecated": "2023-12-07",
		},
		"ruby3.2": {
			"block_create": "2027-02-01",
			"block_update": "2027-03-03",
			"deprecated": "2026-03-31",
		},
		"ruby3.3": {
			"block_create": "2027-04-30",
			"block_update": "2027-05-31",
			"deprecated": "2027-03-31",
		},
		"ruby3.4": {
			"block_create": "2028-04-30",
			"block_update": "2028-05-31",
			"deprecated": "2028-03-31",
		},
		"ruby4.0": {
			"block_create": "2029-04-30",
			"block_update": "2029-05-31",
			"deprecated": "2029-03-31",
		},
	},
	"source": "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
	"updated": "cfn-lint 1.58.0",
}

defaults := {
	"layer_accounts": [],
	"log_retention_min_days": 1,
	"runtime_warning_days": 180,
}
