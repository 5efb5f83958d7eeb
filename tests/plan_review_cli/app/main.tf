# A root module reviewed as a plan: a role with an inline admin policy (unchanged: already deployed),
# and two functions from one module block (created), one old function that is deleted.
resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "admin" {
  name = "admin"
  role = aws_iam_role.worker.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

module "fn" {
  source   = "./modules/fn"
  for_each = toset(["orders", "refunds"])
  name     = each.key
  role_arn = aws_iam_role.worker.arn
}
