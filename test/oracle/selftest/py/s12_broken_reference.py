result = spark.table("atomic.events").select("app_id")
