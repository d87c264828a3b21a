package dev.visualsearch.catalog;

import dev.visualsearch.catalog.image.ImageDecoder;
import dev.visualsearch.catalog.image.ImageFormat;
import dev.visualsearch.catalog.image.ImageStore;
import dev.visualsearch.common.error.ApiProblem;
import dev.visualsearch.common.web.AdminOnly;
import dev.visualsearch.common.web.Uploads;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final CatalogService catalog;
    private final ProductRepository products;
    private final ImageDecoder decoder;
    private final ImageStore store;
    private final CatalogConfig config;
    private final LookAlikes lookAlikes;
    private final Vertx vertx;

    public ProductResource(CatalogService catalog, ProductRepository products, ImageDecoder decoder, ImageStore store,
                           CatalogConfig config, LookAlikes lookAlikes, Vertx vertx) {
        this.lookAlikes = lookAlikes;
        this.catalog = catalog;
        this.products = products;
        this.decoder = decoder;
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    @GET
    public Uni<ProductPage> list(@RestQuery Integer page, @RestQuery Integer size, @RestQuery String category,
                                 @RestQuery String q) {
        int pageIndex = page == null ? 0 : page;
        int pageSize = size == null ? 50 : size;
        if (pageIndex < 0) {
            throw ApiProblem.badRequest("page must be 0 or more");
        }
        if (pageSize < 1 || pageSize > config.maxPageSize()) {
            throw ApiProblem.badRequest("size must be between 1 and " + config.maxPageSize());
        }
        return Panache.withSession(
                () -> products.page(pageIndex, pageSize, category, q));
    }

    @GET
    @Path("/{id}")
    public Uni<ProductView> get(long id) {
        return catalog.get(id).map(ProductView::of);
    }

    @GET
    @Path("/{id}/image")
    @Produces({"image/png", "image/jpeg", "image/webp", "image/gif"})
    public Uni<Response> image(long id) {
        return catalog.get(id).chain(product -> file(product, store.original(product.imagePath),
                ImageFormat.valueOf(product.imageFormat).mediaType(), product.imageHash));
    }

    @GET
    @Path("/{id}/thumbnail")
    @Produces("image/jpeg")
    public Uni<Response> thumbnail(long id) {
        return catalog.get(id).chain(product -> file(product, store.thumbnail(product.imageHash), "image/jpeg",
                "t-" + product.imageHash));
    }

    /** Reads the file without blocking the event loop; the content never changes for a given URL. */
    private Uni<Response> file(Product product, java.nio.file.Path path, String mediaType, String etag) {
        return vertx.fileSystem().readFile(path.toString())
                .onFailure().transform(e -> ApiProblem.notFound("Image file of product", product.id))
                .map(buffer -> Response.ok(buffer.getBytes(), mediaType)
                        .header("Cache-Control", IMMUTABLE)
                        .header("ETag", "\"" + etag + "\"")
                        .build());
    }

    @POST
    @AdminOnly
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<RestResponse<CreatedProduct>> create(@RestForm("image") FileUpload image, @RestForm String title,
                                                 @RestForm String category, @RestForm String sku,
                                                 @RestForm String price) {
        ProductDraft draft = ProductDraft.of(title, category, sku, price);
        Uploads.requirePart(image, "image");
        return vertx.executeBlocking(() -> decoder.decode(Uploads.readImage(image, decoder.maxUploadBytes())), false)
                .chain(decoded -> vertx.executeBlocking(() -> store.store(decoded), false)
                        .chain(stored -> catalog.add(draft, stored, decoded.rgb())))
                .chain(product -> nearDuplicatesOf(product.id)
                        .map(nearDuplicates -> RestResponse.ResponseBuilder.<CreatedProduct>create(
                                        RestResponse.Status.CREATED)
                                .location(URI.create("/api/products/" + product.id))
                                .entity(new CreatedProduct(ProductView.of(product), nearDuplicates))
                                .build()));
    }

    /** The existing products the new one looks like, with their titles (a warning, never a refusal). */
    private Uni<List<NearDuplicate>> nearDuplicatesOf(long productId) {
        return vertx.executeBlocking(() -> lookAlikes.of(productId), false).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(List.<NearDuplicate>of());
            }
            List<Long> ids = found.stream().map(LookAlikes.LookAlike::productId).toList();
            return Panache.withSession(() -> products.list("id in ?1", ids)).map(rows -> {
                Map<Long, String> titles = rows.stream().collect(Collectors.toMap(p -> p.id, p -> p.title));
                return found.stream().filter(like -> titles.containsKey(like.productId()))
                        .map(like -> new NearDuplicate(like.productId(), like.score(), titles.get(like.productId()),
                                ProductView.thumbnailUrl(like.productId())))
                        .toList();
            });
        });
    }

    @DELETE
    @AdminOnly
    @Path("/{id}")
    public Uni<RestResponse<Void>> delete(long id) {
        return catalog.delete(id)
                .call(product -> vertx.executeBlocking(() -> {
                    store.delete(product.imagePath, product.imageHash);
                    return null;
                }))
                .replaceWith(RestResponse.noContent());
    }
}
