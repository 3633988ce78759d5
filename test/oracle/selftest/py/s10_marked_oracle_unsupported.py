result = spark.table("atomic.events").groupBy("app_id").pivot("platform", ["web", "mob"]).count()
