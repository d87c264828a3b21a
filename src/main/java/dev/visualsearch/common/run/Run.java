package dev.visualsearch.common.run;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One background run (an import, the seeding, a pipeline job) with its progress, as polled by clients. */
@Entity
@Table(name = "pipeline_run")
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;
    public String job;
    public String status;
    public float progress;
    @Column(columnDefinition = "text")
    public String message;
    @Column(columnDefinition = "text")
    public String error;
    public Instant createdAt;
    public Instant startedAt;
    public Instant finishedAt;
}
