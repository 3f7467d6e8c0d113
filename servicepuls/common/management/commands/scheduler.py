"""``servicepuls scheduler [--once] [--interval SECONDS]``: enqueue periodic tasks when due."""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from config.schedule import PERIODIC_TASKS
from servicepuls.common.schedule import periodic_tasks_enqueue_due


class Command(BaseCommand):
    help = "Enqueue the periodic tasks of config/schedule.py when they come due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduler started with {len(PERIODIC_TASKS)} periodic tasks.")
        while self.running:
            close_old_connections()
            for name in periodic_tasks_enqueue_due(
                now=timezone.now(), periodic_tasks=PERIODIC_TASKS
            ):
                self.stdout.write(f"Enqueued {name}.")
            if options["once"]:
                break
            for _ in range(options["interval"]):
                if not self.running:
                    break
                time.sleep(1)
